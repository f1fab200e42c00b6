"""Reading and editing one version: reading pane, outline, unit editor, checks, references."""
