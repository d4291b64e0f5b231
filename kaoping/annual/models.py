"""Models of the annual app."""
