"""What the program knows about regulation texts: the model, numbering, parsing. No Qt here."""
