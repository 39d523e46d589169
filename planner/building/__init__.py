"""The building in three dimensions: terrain, derived heights and (from other modules) its solids.

``planner.building.terrain`` and ``planner.building.heights`` are the one source of
derived heights (PLAN_FORMAT.md, "The building in three dimensions"): the rules,
the drawings, the 3D model and the IFC export all read them.
"""
