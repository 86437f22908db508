"""Innovation records and what hangs off them, one module per concern."""

from inovasi.models.exports import ExportJob, ExportJobQuerySet
from inovasi.models.mentoring import (
    FollowUp,
    HelpRequest,
    MentorAssignment,
    MentoringCase,
    MentoringSession,
    ReminderLog,
)
from inovasi.models.pending import PendingUpload
from inovasi.models.records import (
    PROFILE_HISTORY,
    Answer,
    Comment,
    CommentThread,
    Evidence,
    EvidenceKind,
    Inovasi,
    InovasiPhoto,
    InovasiQuerySet,
    Revision,
    SharedDocument,
    SharedDocumentQuerySet,
    StatusChange,
    generated_path,
)

__all__ = [
    "PROFILE_HISTORY",
    "Answer",
    "Comment",
    "CommentThread",
    "Evidence",
    "EvidenceKind",
    "ExportJob",
    "ExportJobQuerySet",
    "FollowUp",
    "HelpRequest",
    "Inovasi",
    "InovasiPhoto",
    "InovasiQuerySet",
    "MentorAssignment",
    "MentoringCase",
    "MentoringSession",
    "PendingUpload",
    "ReminderLog",
    "Revision",
    "SharedDocument",
    "SharedDocumentQuerySet",
    "StatusChange",
    "generated_path",
]
