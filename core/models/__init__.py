from core.models.accounts import User
from core.models.applications import Application, FollowUpMessage, PrivateNote
from core.models.candidates import Candidate
from core.models.companies import Company, CompanyContact
from core.models.cv import CvProfile
from core.models.directory import DirectoryCompany, DirectoryReferent, OwnOffer
from core.models.documents import Document
from core.models.emails import OutboundEmail
from core.models.establishments import Establishment
from core.models.events import Event
from core.models.offers import JobOffer
from core.models.sponsorships import SponsorshipRequest

__all__ = [
    "Application",
    "Candidate",
    "Company",
    "CompanyContact",
    "CvProfile",
    "DirectoryCompany",
    "DirectoryReferent",
    "Document",
    "Establishment",
    "Event",
    "FollowUpMessage",
    "JobOffer",
    "OutboundEmail",
    "OwnOffer",
    "PrivateNote",
    "SponsorshipRequest",
    "User",
]
