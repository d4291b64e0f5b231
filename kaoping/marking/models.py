"""Models of the marking app."""
