"""Every change to a scan goes through these modules; each function checks the acting user's role."""
