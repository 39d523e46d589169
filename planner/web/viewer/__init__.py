"""The 3D view: the project's buildings on their plot, as glTF from the same model as the drawings."""
