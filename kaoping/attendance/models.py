"""Models of the attendance app."""
