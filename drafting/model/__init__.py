"""The regulation model: the unit tree, numerals, numbering from position, stages, references."""
