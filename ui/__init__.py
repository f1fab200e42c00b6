"""The Qt user interface: windows, models, dialogs and actions over the Qt-free layers."""
