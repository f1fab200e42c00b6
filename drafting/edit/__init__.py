"""Editing a working draft: operations, renumbering, drafting checks."""
