"""Management items: the NICE NG59 essentials, other treatments learners may pick, referral."""

from __future__ import annotations

from hipback.knowledge.management.model import (
    NG226_MORNING_STIFFNESS_MINUTES,
    ManagementItem,
    against,
    consider,
    for_,
)

SPINE = (
    ManagementItem(
        "back_self_management",
        "Reassure and support self-management of back pain",
        "spine essentials",
        "Explain that back pain is common and rarely serious, what helps, and how to manage "
        "flare-ups; revisit this at every step.",
        (
            for_(
                "nice_ng59",
                "Advice and information tailored to the person, to help self-management, "
                "at all steps of the treatment pathway (wording verified in NICE QS155; "
                "recommendation number not seen)",
                tag="secondary",
            ),
        ),
        indication="Spine-driven or combined pain",
    ),
    ManagementItem(
        "stay_active",
        "Stay active and keep up normal activities",
        "spine essentials",
        "Keep moving and carry on with usual activities, including work, as far as possible.",
        (
            for_(
                "nice_ng59",
                "Self-management advice includes encouragement to continue normal activities "
                "(recommendation number not seen)",
                tag="secondary",
            ),
        ),
        indication="Spine-driven or combined pain",
    ),
    ManagementItem(
        "start_back_stratification",
        "Risk-stratify with the STarT Back tool",
        "spine essentials",
        "Use the STarT Back tool at first contact to match how much treatment the person "
        "needs to their risk of a poor outcome.",
        (
            consider(
                "nice_ng59",
                "1.1.2: consider risk stratification (for example STarT Back) at first contact "
                "for each new episode",
            ),
        ),
        indication="Spine-driven or combined pain",
    ),
    ManagementItem(
        "ng59_exercise_programme",
        "Group exercise programme for back pain",
        "spine essentials",
        "A group exercise programme of biomechanical, aerobic or mind-body exercise (or a mix), "
        "matched to the person's preference.",
        (
            consider(
                "nice_ng59",
                "Consider a group exercise programme (biomechanical, aerobic, mind-body or a "
                "combination of approaches) for a specific episode or flare-up",
                tag="secondary",
            ),
        ),
        indication="Spine-driven or combined pain",
        loading=True,
    ),
    ManagementItem(
        "spinal_manual_therapy",
        "Manual therapy for the back, only with exercise",
        "spine essentials",
        "Spinal manipulation, mobilisation or soft-tissue work, only as part of a package that "
        "includes exercise.",
        (
            consider(
                "nice_ng59",
                "Consider manipulation, mobilisation or soft-tissue techniques only as part of "
                "a treatment package including exercise",
                tag="secondary",
            ),
        ),
        indication="Spine-driven or combined pain, alongside the exercise programme",
        loading=True,
    ),
    ManagementItem(
        "ng59_avoid_list",
        "Do not offer passive treatments NICE rules out for back pain",
        "spine essentials",
        "Do not offer belts or corsets, foot orthotics, rocker-sole shoes, traction, "
        "acupuncture, ultrasound, PENS, TENS or interferential therapy for back pain, and "
        "explain why.",
        (
            for_(
                "nice_ng59",
                "Do not offer belts or corsets, foot orthotics, rocker-sole shoes, traction, "
                "acupuncture, ultrasound, PENS, TENS or interferential therapy",
            ),
        ),
        indication="Spine-driven or combined pain",
    ),
)


OTHER = (
    ManagementItem(
        "tens",
        "TENS or other electrotherapy",
        "other treatments",
        "A TENS machine or other electrotherapy for pain.",
        (
            against(
                "nice_ng226", "1.3.9: do not offer electrotherapy, including TENS", tag="secondary"
            ),
            against("acr2019", "TENS strongly recommended against in knee and/or hip OA (p.227)"),
            against("nice_ng59", "Do not offer TENS, PENS, ultrasound or interferential"),
        ),
        indication="Not recommended",
    ),
    ManagementItem(
        "acupuncture",
        "Acupuncture or dry needling",
        "other treatments",
        "A course of acupuncture or dry needling.",
        (
            for_(
                "acr2019",
                "Conditionally recommended for knee, hip and/or hand OA (p.226)",
                "conditional",
            ),
            against(
                "nice_ng226", "1.3.8: do not offer acupuncture or dry needling", tag="secondary"
            ),
            against("nice_ng59", "Do not offer acupuncture for low back pain"),
        ),
        indication="The guidelines disagree: ACR conditionally for in hip OA, NICE do not offer "
        "(hip and back)",
    ),
    ManagementItem(
        "hip_manual_therapy",
        "Manual therapy for the hip",
        "other treatments",
        "Hip joint mobilisation or manipulation by the physiotherapist.",
        (
            consider(
                "nice_ng226",
                "Manual therapy only for hip or knee OA and only alongside therapeutic exercise",
                tag="secondary",
            ),
            against(
                "acr2019",
                "Manual therapy with exercise conditionally recommended against, compared with "
                "exercise alone (p.227)",
                "conditional",
            ),
        ),
        indication="The guidelines disagree: NICE allows it alongside exercise, ACR "
        "conditionally against",
    ),
    ManagementItem(
        "lumbar_support_belt",
        "Back support belt or corset",
        "other treatments",
        "Wear a lumbar support belt or corset.",
        (against("nice_ng59", "Do not offer belts or corsets for low back pain"),),
        indication="Not recommended",
    ),
    ManagementItem(
        "spinal_traction",
        "Spinal traction",
        "other treatments",
        "Traction of the lumbar spine.",
        (against("nice_ng59", "Do not offer traction for low back pain"),),
        indication="Not recommended",
    ),
    ManagementItem(
        "sciatica_nerve_medicines",
        "Nerve-pain medicines or oral steroids for sciatica",
        "other treatments",
        "Gabapentinoids, other antiepileptics, oral corticosteroids or benzodiazepines for "
        "sciatica.",
        (
            against(
                "nice_ng59",
                "2020 update: do not offer gabapentinoids, other antiepileptics, oral "
                "corticosteroids or benzodiazepines for managing sciatica",
                tag="secondary",
            ),
        ),
        indication="Not recommended",
    ),
)


REFERRAL = (
    ManagementItem(
        "check_inflammatory_cause",
        "Look for an inflammatory cause; rheumatology if criteria met",
        "referral",
        "Morning stiffness beyond half an hour is atypical for OA: ask about inflammatory "
        "back pain and joint swelling, and refer to rheumatology when the NICE NG65 criteria "
        "for spondyloarthritis are met.",
        (
            for_(
                "nice_ng226",
                "1.1.2: atypical features such as prolonged morning stiffness suggest another "
                "diagnosis",
            ),
            for_("nice_ng65", "Refer to rheumatology when the criteria for axial SpA are met"),
        ),
        indication=f"Morning stiffness over {NG226_MORNING_STIFFNESS_MINUTES} minutes",
    ),
)

#: Every management item, red-flag referrals first.
