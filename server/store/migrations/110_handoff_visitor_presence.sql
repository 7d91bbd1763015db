-- Whether the visitor of an open handoff is still on the page. `visitor_seen_at` is when their event stream
-- last opened (on any instance); `visitor_left_at` is when it closed without coming back within the grace
-- period (null while they are here). An instance compares the two so that a reload served by another
-- instance is not taken for a leave.
ALTER TABLE handoffs ADD COLUMN visitor_seen_at timestamptz;
ALTER TABLE handoffs ADD COLUMN visitor_left_at timestamptz;
