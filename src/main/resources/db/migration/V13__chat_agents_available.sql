-- Whether a waiting customer was last told that anybody with the chat's skill is AVAILABLE (null while not waiting):
-- without anybody, no wait estimate is given, and the customer is told again when that changes.
alter table chat add column agents_available boolean;
