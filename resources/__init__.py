"""Files the program ships: demo drafts (demo/), later icons and templates."""
