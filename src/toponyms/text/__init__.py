"""Text: the one fold of names and running text (with offsets), and the characters
scanners and input methods confuse."""
