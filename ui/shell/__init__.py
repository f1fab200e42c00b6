"""The frame of the window: application, main window, actions, settings, errors, fonts."""
