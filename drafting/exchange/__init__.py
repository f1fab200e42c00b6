"""Exchange formats: Akoma Ntoso."""
