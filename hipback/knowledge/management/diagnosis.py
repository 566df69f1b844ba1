"""Management items: assessment of each source, imaging and education."""

from __future__ import annotations

from hipback.knowledge.findings.imaging import (
    PAINFUL_HIPS_WITH_OA,
    RADIOGRAPHIC_OA_50,
    SYMPTOMATIC_OA_50,
)
from hipback.knowledge.management.model import (
    EXERCISE,
    NG226_CLINICAL_DIAGNOSIS_AGE,
    NG226_MORNING_STIFFNESS_MINUTES,
    EvidenceNote,
    ManagementItem,
    advises,
    against,
    consider,
    for_,
    silent,
)

ASSESSMENT = (
    ManagementItem(
        "assess_hip_source",
        "Assess the hip as a pain source",
        "assessment",
        "Examine the hip (range, provocation, gait). Where hip and spine both look abnormal, "
        "a specialist can inject local anaesthetic into the hip joint under image guidance: "
        "clear relief points to the hip as the main pain source.",
        (
            advises(
                "buckland2017",
                "Review: tell hip from spine with examination, plain and advanced imaging and "
                "diagnostic injections",
            ),
            advises(
                "devin2012",
                "Review: diagnostic hip injection helps find the dominant pain generator",
            ),
        ),
        indication="Both hip and spine evidence (combined pain)",
    ),
    ManagementItem(
        "assess_spine_source",
        "Assess the lumbar spine as a pain source",
        "assessment",
        "Examine the lumbar spine and the nerves (sensation, power, reflexes, straight-leg "
        "raise). If hip and spine both stay in doubt, ask for a specialist (musculoskeletal "
        "interface) opinion; spinal diagnostic injections belong to specialist care.",
        (
            consider(
                "nice_ng59",
                "1.1.1: think about alternative diagnoses; 1.1.6: consider imaging in specialist "
                "settings only if the result is likely to change management",
            ),
            advises(
                "buckland2017",
                "Review: evaluate both sources; diagnostic injections when both are abnormal",
            ),
        ),
        indication="Both hip and spine evidence (combined pain)",
    ),
)


IMAGING = (
    ManagementItem(
        "diagnose_clinically",
        "Diagnose hip OA clinically, without imaging",
        "imaging",
        "Make the diagnosis from the history and examination and explain that an X-ray is not "
        "needed to confirm typical hip osteoarthritis.",
        (
            for_(
                "nice_ng226",
                "1.1.1: diagnose osteoarthritis clinically without imaging in people who are "
                f"{NG226_CLINICAL_DIAGNOSIS_AGE} or over with activity-related joint pain and no "
                "morning stiffness or stiffness lasting no longer than "
                f"{NG226_MORNING_STIFFNESS_MINUTES} minutes; 1.2.2: usually no imaging needed "
                "to confirm",
            ),
        ),
        indication="Hip-driven pain with a typical presentation (NICE NG226 1.1.1: age "
        f"{NG226_CLINICAL_DIAGNOSIS_AGE} or over, activity-related joint pain, morning "
        f"stiffness {NG226_MORNING_STIFFNESS_MINUTES} minutes or less)",
    ),
    ManagementItem(
        "xray_first_if_needed",
        "If imaging is needed, start with an X-ray",
        "imaging",
        "Image only for atypical features or a suspected other diagnosis; then the first test "
        "is a plain X-ray of the pelvis and hip, not an MRI.",
        (
            consider(
                "nice_ng226",
                "1.1.2: do not routinely image unless there are atypical features or features "
                "that suggest an alternative or additional diagnosis",
            ),
            for_(
                "acr_ac_hip2016",
                "Chronic hip pain: X-ray of pelvis and hip is the first test (rated 9); MRI, CT, "
                "ultrasound or bone scan as a first test rated 1 (usually not appropriate)",
            ),
        ),
        indication=f"OA cannot be diagnosed clinically: outside NICE NG226 1.1.1 (under "
        f"{NG226_CLINICAL_DIAGNOSIS_AGE}, or pain not related to activity), morning stiffness "
        f"over {NG226_MORNING_STIFFNESS_MINUTES} minutes (a 1.1.2 atypical feature), or no "
        "hip OA recorded; trauma, infection and cancer are screened as red flags",
    ),
    ManagementItem(
        "no_routine_spine_imaging",
        "No routine imaging of the back",
        "imaging",
        "Do not request a back X-ray or MRI without red flags; explain that age-related changes "
        "on scans are common in people without pain and rarely change treatment.",
        (
            for_(
                "nice_ng59",
                "1.1.4: do not routinely offer imaging in a non-specialist setting for low back "
                "pain with or without sciatica; 1.1.5: explain that people referred may not need "
                "imaging",
            ),
            for_(
                "acr_ac_lbp2021",
                "Low back pain without red flags and without prior management: all imaging "
                "usually not appropriate",
            ),
        ),
        indication="Spine-driven or combined pain without red flags",
        evidence=(
            EvidenceNote(
                "brinjikji2015",
                "Disc degeneration on imaging in 37% of pain-free 20-year-olds and 96% of "
                "pain-free 80-year-olds",
            ),
        ),
    ),
    ManagementItem(
        "routine_imaging_to_confirm",
        "X-ray or MRI to confirm the diagnosis",
        "imaging",
        "Order an X-ray or MRI of the hip or back to confirm where the pain comes from.",
        (
            against(
                "nice_ng226",
                "1.1.2: do not routinely use imaging to diagnose osteoarthritis unless atypical "
                "features; 1.5.4: do not routinely image to monitor or guide non-surgical care",
            ),
            against(
                "nice_ng59",
                "1.1.4: do not routinely offer imaging in a non-specialist setting for low back "
                "pain",
            ),
            against(
                "acr_ac_hip2016",
                "MRI as the first test for chronic hip pain: rated 1, usually not appropriate",
            ),
            against(
                "acr_ac_lbp2021",
                "Low back pain without red flags: imaging usually not appropriate",
            ),
        ),
        beyond_guidelines="The article treats an X-ray or MRI as the way to pin down a hip "
        "source. NICE "
        "diagnoses typical hip OA clinically and advises against routine imaging of the hip or "
        "back; when imaging is needed an X-ray comes first, not an MRI. X-ray changes and pain "
        "often disagree, so an X-ray cannot show that the hip is the source of the pain.",
        indication="Not indicated routinely; imaging only for atypical features (item "
        "xray_first_if_needed) or red flags",
        article="FAQ: telling whether the hip is the cause",
        evidence=(
            EvidenceNote(
                "kim2015",
                f"Only {PAINFUL_HIPS_WITH_OA:.1%} of hips in people with frequent hip pain "
                "showed radiographic OA",
            ),
            EvidenceNote(
                "kim2014",
                f"Radiographic hip OA in {RADIOGRAPHIC_OA_50:.1%} of adults 50 or over, "
                f"symptomatic hip OA in {SYMPTOMATIC_OA_50:.1%}",
            ),
        ),
    ),
)


EDUCATION = (
    ManagementItem(
        "oa_education",
        "Explain hip OA and agree self-management",
        "education and activity",
        "Explain what hip osteoarthritis is, how a stiff hip can make the back work harder, "
        "that exercise may hurt a little at first and still helps, and agree goals the person "
        "can manage.",
        (
            for_(
                "nice_ng226",
                "Information and support are core, with therapeutic exercise and weight "
                "management; consider an education or behaviour-change programme",
            ),
            for_(
                "acr2019",
                "Self-efficacy and self-management programmes strongly recommended (knee/hip)",
                tag="secondary",
            ),
            for_("oarsi2019", "Core: arthritis education"),
        ),
        indication="Hip-driven or combined pain",
        article="Summary: the hip and back work as a team",
    ),
    ManagementItem(
        "low_impact_activity",
        "Low-impact aerobic activity",
        "education and activity",
        "Build up walking, cycling, swimming or water exercise, paced to symptoms; ease off "
        "high-impact or twisting activity while it flares.",
        EXERCISE,
        indication="Hip-driven or combined pain",
        article="FAQ: should I still exercise",
        loading=True,
    ),
    ManagementItem(
        "tai_chi",
        "Tai chi",
        "education and activity",
        "Tai chi classes for balance, strength and confidence.",
        (
            silent("nice_ng226", "Not named"),
            for_("acr2019", "Tai chi strongly recommended for knee and/or hip OA (p.225)"),
            consider("oarsi2019", "Mind-body exercise: conditional for hip", tag="secondary"),
        ),
        indication="An option for hip OA (ACR strong for); for back pain it is one mind-body "
        "choice inside the NG59 group exercise programme",
        loading=True,
    ),
    ManagementItem(
        "yoga",
        "Yoga",
        "education and activity",
        "Yoga classes adapted to the person.",
        (
            silent(
                "acr2019",
                "Conditional for knee OA; for hip OA no recommendation can be made for lack of "
                "data (p.226)",
            ),
            consider("oarsi2019", "Mind-body exercise: conditional for hip", tag="secondary"),
            consider(
                "nice_ng59",
                "Mind-body approaches are one option within a group exercise programme",
                tag="secondary",
            ),
        ),
        indication="An option for back pain (mind-body exercise in NG59's group programme); "
        "ACR makes no recommendation for hip OA",
        loading=True,
    ),
)
