"""sitmon's command line and Textual dashboard."""
