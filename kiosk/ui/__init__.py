"""Qt widgets and screens: they present state and forward what the person asks for."""
