"""The library of regulations and their versions: tree, history, import, freeze."""
