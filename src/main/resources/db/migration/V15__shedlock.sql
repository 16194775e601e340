-- Timed jobs that one node should do for all (such as setting disconnected agents away and requeueing their chats)
-- run under a ShedLock lock: one row per job name, taken by the node that updates it while lock_until has passed.
-- The lock lives in PostgreSQL, which every node shares, so several nodes never do such a job at the same time.
-- Times are written in UTC by the database itself (ShedLock's usingDbTime), so nodes' clocks do not matter; hence
-- the columns without a time zone, as ShedLock's JDBC provider expects them.
create table shedlock (
    name        varchar(64) primary key,
    lock_until  timestamp not null,
    locked_at   timestamp not null,
    locked_by   varchar(255) not null
);
