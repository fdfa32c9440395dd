namespace ektp::printer {}
