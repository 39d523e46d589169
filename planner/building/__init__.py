"""The building in three dimensions: terrain, derived heights and its solids.

``planner.building.terrain`` and ``planner.building.heights`` are the one source of
derived heights (PLAN_FORMAT.md, "The building in three dimensions"): the rules,
the drawings, the 3D model and the IFC export all read them.

``planner.building.model3d`` builds the walls with their openings, the slabs, the rooms, the roof,
the terrain surface and the neighbours' buildings as closed meshes (``planner.building.mesh``:
numpy arrays of vertices and triangles); ``planner.building.geo`` places the plot on Earth
(latitude and longitude of a UTM ``origin``) for the sun in the 3D view.
"""
