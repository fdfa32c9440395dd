namespace ektp::chip {}
