-- Remote units (issue 6 §2): the complaint periods are longer in remote areas with difficult
-- travel (Law on Complaints 02/2011/QH13 Art. 28, 33, 37: resolve in 45 days instead of 30, 60
-- if complex; a second complaint in 60 instead of 45, 70 if complex; file a second complaint
-- within 45 days instead of 30). Which communes these are is not decided here: they are the
-- communes in areas with especially difficult socio-economic conditions (xã đặc biệt khó khăn,
-- vùng sâu, vùng xa), whose list the Prime Minister decides or the Ethnic Committee (Ủy ban Dân
-- tộc) approves on the Prime Minister's delegation, and which changes with each period. So the
-- flag is data an administrator sets per unit (or imports), not code; petitions filed for a
-- flagged unit get the longer periods (modules/petitions/rules.h remote_area).
ALTER TABLE admin_units ADD COLUMN remote BOOLEAN NOT NULL DEFAULT FALSE;
