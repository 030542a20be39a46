"""normalize(): the steps from an exact match to a typo."""
