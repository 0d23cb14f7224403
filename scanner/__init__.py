"""Scanner backends behind one interface: SANE, eSCL, TWAIN/WIA, hot folder, file import."""
