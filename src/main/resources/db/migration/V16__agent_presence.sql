-- Agent presence follows the agent's connections: an agent with no console socket, API stream or long poll for a
-- grace period is set away by the system, and later their chats go back to the queue.

-- When each agent was last connected. The node holding an agent's socket or long poll renews seen_at every few
-- seconds, and sets it when the connection closes; a node that dies stops renewing, so its agents count as gone from
-- its last renewal. Kept apart from routing_agent so that renewals never contend with the row locks of assignment.
-- No index on seen_at: the table has one row per agent, and an index would make every renewal a non-HOT update.
-- connected is false once the agent's last connection on a node closed: such an agent is offered no new chat
-- (routing skips them at once, not only after the grace), until a connection opens again or a node that still holds
-- one renews the mark.
create table agent_connection (
    agent_id   uuid primary key,
    seen_at    timestamptz not null,
    connected  boolean not null default true
);

-- Agents who are routed already get the grace from now on, as if they had just connected.
insert into agent_connection (agent_id, seen_at) select agent_id, now() from routing_agent;

-- Why an agent is away: null when they chose it, DISCONNECTED when the system set them away because they were gone.
alter table routing_agent add column away_reason text check (away_reason in ('DISCONNECTED'));
