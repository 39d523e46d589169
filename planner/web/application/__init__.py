"""The building application (byggesøknad): the municipality's map extract and the package download."""
