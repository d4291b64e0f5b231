"""Models of the ballots app."""
