namespace ektp::reader {}
