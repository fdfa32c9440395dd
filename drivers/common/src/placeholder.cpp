namespace ektp {}
