"""annotate(): the automaton scan, the checks of each hit, and annotating in processes."""
