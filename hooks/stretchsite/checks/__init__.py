"""Checks beyond the model: reviews, addresses, reading level, spelling, links."""
