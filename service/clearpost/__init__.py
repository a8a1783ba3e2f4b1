"""ClearPost: finds protected health information in a physician's post before it is posted."""

__version__ = "0.1.0"
