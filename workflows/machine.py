"""The small state machine shared by applications and sponsorship requests."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from workflows.errors import WorkflowError
from workflows.events import emit


@dataclass(frozen=True)
class Transition:
    """A verb: from which states, to which state, under which permission, emitting what."""

    name: str
    label: str
    sources: tuple
    target: str
    permission: str
    event: str
    timestamps: tuple = field(default=())


def allowed(transition, obj, user):
    """True when ``user`` may run ``transition`` on ``obj`` in its current state."""
    return obj.state in transition.sources and user.has_perm(transition.permission, obj)


def run(model, pk, transition, *, user, subject, reason="", refused, apply=None, summary):
    """Lock the row, check permission and state, write the new state with its history
    (author and reason) and emit the event, all in one transaction.

    ``subject`` names the event's field for ``obj`` ("application" or "sponsorship");
    ``refused(obj)`` gives the French message when the state no longer allows the verb
    (someone else acted first); ``apply(obj)`` sets the transition's extra fields.
    """
    with transaction.atomic():
        # The row lock serialises two people clicking at once: the second one waits, then
        # sees the new state and is refused with a clear message.
        obj = model.objects.select_for_update().filter(pk=pk).first()
        if obj is None or not user.has_perm(transition.permission, obj):
            raise PermissionDenied
        if obj.state not in transition.sources:
            raise WorkflowError(refused(obj))
        now = timezone.now()
        obj.state = transition.target
        for name in transition.timestamps:
            setattr(obj, name, now)
        if apply is not None:
            apply(obj)
        obj._history_user = user
        obj._change_reason = reason or transition.label
        obj.save()
        emit(
            transition.event,
            actor=user,
            summary=summary(obj),
            **{subject: obj},
        )
        return obj


@dataclass(frozen=True)
class Machine:
    """A process's states and transitions, declared once (applications, sponsorships)."""

    model: type
    subject: str  # the Event field that points at the object
    transitions: dict
    already_validated: str  # the message of the second person who clicks "Valider"
    noun: str  # "la candidature", "la demande"
    summary: object  # (obj, transition) -> the event's one-line summary

    def can(self, verb, obj, user):
        """True when ``user`` may run ``verb`` on ``obj`` in its current state."""
        return allowed(self.transitions[verb], obj, user)

    def refused(self, verb):
        def message(obj):
            if verb == "validate" and obj.state != "withdrawn":
                return self.already_validated
            return f"Action impossible : {self.noun} est désormais « {obj.get_state_display()} »."

        return message

    def fire(self, verb, obj, *, user, reason="", apply=None, after=None):
        """Run the transition ``verb`` (see ``run``), then ``after(obj)`` once it is written."""
        transition = self.transitions[verb]
        obj = run(
            self.model,
            obj.pk,
            transition,
            user=user,
            subject=self.subject,
            reason=reason,
            refused=self.refused(verb),
            apply=apply,
            summary=lambda o: self.summary(o, transition),
        )
        if after is not None:
            after(obj)
        return obj
