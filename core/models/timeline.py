"""The state timeline of an application or a sponsorship request, read from its history."""

from core import rules as perms


def state_timeline(obj, user):
    """The state changes, oldest first, with when, who and why.

    An employer's timeline starts when the object was sent to it: what happened before
    (waiting for the référent, help asked) is not theirs to see.
    """
    labels = dict(type(obj)._meta.get_field("state").choices)
    hidden = {"awaiting_validation"} if perms.is_employer(user) else set()
    rows = obj.history.select_related("history_user").order_by("history_date", "history_id")
    timeline, previous = [], None
    for row in rows:
        if row.state == previous:
            continue
        previous = row.state
        if row.state in hidden:
            continue
        timeline.append(
            {
                "date": row.history_date,
                "state": row.state,
                "label": labels.get(row.state, row.state),
                "user": row.history_user,
                "reason": row.history_change_reason or "",
            }
        )
    return timeline
