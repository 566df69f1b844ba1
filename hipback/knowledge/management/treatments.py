"""Management items: inflammation (article pillar 4) and targeted treatments (pillar 6)."""

from __future__ import annotations

from hipback.knowledge.management.model import (
    NOT_FOUND,
    OARSI_UNVERIFIED,
    EvidenceNote,
    ManagementItem,
    against,
    consider,
    for_,
    silent,
    unverified,
)

INFLAMMATION = (
    ManagementItem(
        "oral_nsaid",
        "Discuss an anti-inflammatory painkiller with the prescriber",
        "inflammation",
        "If pain limits activity, suggest the person discusses an NSAID with their GP or "
        "pharmacist: NICE puts a topical NSAID first and an oral one when topical is "
        "ineffective or unsuitable (for a joint as deep as the hip, topical is unlikely to "
        "reach it); lowest effective dose, shortest time, with stomach protection; the "
        "prescriber weighs stomach, kidney and heart risks. For sciatica NICE found too "
        "little evidence for or against NSAIDs.",
        (
            consider(
                "nice_ng226",
                "Topical NSAID: offer for knee OA, consider for other joints; oral NSAID if "
                "topical is ineffective or unsuitable, at the lowest dose for the shortest "
                "time, with a PPI",
                tag="secondary",
            ),
            for_(
                "acr2019",
                "Oral NSAIDs strongly recommended; first oral drug of choice (p.228); topical "
                "NSAIDs not examined for the hip because of the joint's depth (pp.227-228)",
            ),
            consider("oarsi2019", "Oral NSAIDs conditional (with GI precautions)"),
            consider(
                "nice_ng59",
                "Consider oral NSAIDs for low back pain, taking toxicity and age into account; "
                "for sciatica (2020) not enough evidence for or against, be aware of the risks",
                tag="secondary",
            ),
        ),
        indication="Pain that limits activity, hip- or spine-driven (a prescriber decides)",
        lowers_fever=True,
    ),
    ManagementItem(
        "healthy_diet",
        "Anti-inflammatory eating (vegetables, oily fish)",
        "inflammation",
        "A varied diet rich in vegetables and oily fish, offered as general health advice.",
        (
            silent(
                "nice_ng226",
                "No diet recommendation found",
                tag="unverified",
            ),
            silent("acr2019", "No diet recommendation found", tag="unverified"),
        ),
        beyond_guidelines="The article presents anti-inflammatory eating as a way to calm the "
        "hip. No OA or back-pain guideline recommends a diet for this: fine as general health "
        "advice, not as a treatment.",
        indication="General health advice only, not an OA or back-pain treatment",
        article="Management 4: manage inflammation",
    ),
    ManagementItem(
        "turmeric",
        "Turmeric (curcumin) supplement",
        "inflammation",
        "Take turmeric or curcumin capsules to reduce joint inflammation.",
        (
            silent("nice_ng226", "No supplement recommendation other than glucosamine"),
            silent("acr2019", "Turmeric not addressed (Paultre 2021)"),
            silent("oarsi2019", "Turmeric not addressed (Paultre 2021)"),
        ),
        beyond_guidelines="The article recommends turmeric. No guideline addresses it; the "
        "trials are small, short, mostly in the knee and of low quality, so it is not a "
        "supported treatment.",
        indication="Not a guideline treatment",
        article="Management 4: manage inflammation",
        evidence=(
            EvidenceNote("paultre2021", "ACR and OARSI do not address turmeric"),
            EvidenceNote(
                "liu2018",
                "Supplement trials: large short-term effects but mostly low quality, mostly knee",
            ),
        ),
    ),
    ManagementItem(
        "omega3_supplement",
        "Omega-3 (fish oil) supplement",
        "inflammation",
        "Take fish-oil capsules to reduce joint inflammation.",
        (
            against(
                "acr2019",
                "Fish oil conditionally recommended against for knee, hip and/or hand OA (p.229)",
                "conditional",
            ),
            silent("nice_ng226", "Not addressed"),
            unverified("oarsi2019", OARSI_UNVERIFIED),
        ),
        beyond_guidelines="The article recommends omega-3s. As a supplement for OA, ACR 2019 "
        "conditionally recommends against fish oil; eating oily fish is fine as general "
        "health advice.",
        indication="Not recommended for OA",
        article="Management 4: manage inflammation",
    ),
    ManagementItem(
        "hydration",
        "Drink more water for the joints",
        "inflammation",
        "Keep well hydrated to support joint health.",
        (
            silent("nice_ng226", NOT_FOUND, tag="unverified"),
            silent("nice_ng59", NOT_FOUND, tag="unverified"),
            silent("acr2019", NOT_FOUND, tag="unverified"),
            silent("oarsi2019", NOT_FOUND, tag="unverified"),
        ),
        beyond_guidelines="The article links hydration to joint health. No OA or back-pain "
        "guideline addresses it: general health advice, not a treatment.",
        indication="General health advice only, not an OA or back-pain treatment",
        article="Management 4: manage inflammation",
    ),
    ManagementItem(
        "glucosamine",
        "Glucosamine or chondroitin supplement",
        "inflammation",
        "Take glucosamine or chondroitin to protect the cartilage.",
        (
            against("nice_ng226", "Do not offer glucosamine", tag="secondary"),
            against(
                "acr2019",
                "Glucosamine strongly recommended against (knee, hip, hand); chondroitin "
                "strongly against for knee and/or hip (p.230)",
            ),
            unverified("oarsi2019", OARSI_UNVERIFIED),
        ),
        indication="Not recommended for OA",
    ),
)


TARGETED = (
    ManagementItem(
        "ia_corticosteroid",
        "Steroid injection into the hip (image-guided)",
        "regenerative or targeted therapies",
        "If pain stops the person exercising, a specialist may inject corticosteroid into the "
        "hip under ultrasound guidance; relief is short-term and is used to support exercise.",
        (
            consider(
                "nice_ng226",
                "1.4.10: consider when other pain relief is ineffective or unsuitable, or to "
                "support therapeutic exercise; explain that relief is short-term",
                tag="secondary",
            ),
            for_(
                "acr2019",
                "Intra-articular glucocorticoid strongly recommended for knee and/or hip OA; "
                "ultrasound guidance strongly recommended for the hip (pp.228-229)",
            ),
            unverified("oarsi2019", OARSI_UNVERIFIED),
        ),
        indication="An option in moderate or advanced hip OA when pain limits exercise",
        article="FAQ: treating the hip (injection)",
        loading=True,
    ),
    ManagementItem(
        "hyaluronan_injection",
        "Hyaluronic acid injection into the hip",
        "regenerative or targeted therapies",
        "Inject hyaluronic acid (a joint 'lubricant') into the hip.",
        (
            against(
                "nice_ng226",
                "1.4.9: do not offer intra-articular hyaluronan (potential harm for hip OA)",
                tag="secondary",
            ),
            against("acr2019", "Strongly recommended against in hip OA (p.230)"),
            unverified("oarsi2019", OARSI_UNVERIFIED),
        ),
        indication="Not recommended for hip OA",
    ),
    ManagementItem(
        "prp_injection",
        "Platelet-rich plasma (PRP) injection",
        "regenerative or targeted therapies",
        "Inject platelet-rich plasma into the hip to support the cartilage.",
        (
            against(
                "acr2019",
                "Platelet-rich plasma strongly recommended against in knee and/or hip OA (p.231)",
            ),
            silent("nice_ng226", "No PRP recommendation", tag="secondary"),
            silent(
                "nice_ipg637",
                "Knee only: use only with special arrangements for governance, consent and "
                "audit or research",
            ),
            unverified("oarsi2019", OARSI_UNVERIFIED),
        ),
        beyond_guidelines="The article offers PRP in early to moderate arthritis to support "
        "cartilage and slow progression. ACR 2019 strongly recommends against it for the hip; "
        "NICE allows it only for the knee under research-style arrangements, and a knee trial "
        "found it no better than saline.",
        indication="Not recommended outside research",
        article="Management 6: regenerative therapies",
        evidence=(
            EvidenceNote("bennell2021", "Knee OA RCT: PRP no better than saline at 12 months"),
        ),
    ),
    ManagementItem(
        "stem_cell_injection",
        "Stem-cell injection",
        "regenerative or targeted therapies",
        "Inject stem cells into the hip to regenerate cartilage.",
        (
            against(
                "acr2019",
                "Stem-cell injections strongly recommended against in knee and/or hip OA (p.231)",
            ),
            silent("nice_ng226", "Not addressed", tag="unverified"),
            unverified("oarsi2019", OARSI_UNVERIFIED),
        ),
        beyond_guidelines="The article offers stem-cell therapy in early to moderate "
        "arthritis. ACR 2019 strongly recommends against stem-cell injections for knee and "
        "hip OA (p.231); NICE NG226 does not address them.",
        indication="Not recommended outside research",
        article="Management 6: regenerative therapies",
    ),
    ManagementItem(
        "refer_hip_replacement",
        "Consider referral for hip replacement",
        "regenerative or targeted therapies",
        "Discuss referral to an orthopaedic surgeon for hip replacement when symptoms "
        "substantially affect daily life and non-surgical care has not helped or does not suit "
        "the person. Explain that back pain often eases afterwards, less so when the spine has "
        "its own problem.",
        (
            consider(
                "nice_ng226",
                "Consider referring people with hip osteoarthritis for joint replacement if "
                "their joint symptoms (such as pain, stiffness, reduced function or "
                "progressive joint deformity) are substantially impacting their quality of life "
                "and non-surgical management is ineffective or unsuitable",
                tag="secondary",
            ),
            silent("acr2019", "Surgery outside the scope of this non-surgical guideline"),
            silent("oarsi2019", "Surgery outside the scope of this non-surgical guideline"),
        ),
        beyond_guidelines="The article reserves surgery for 'advanced' cases. NICE judges the "
        "referral on how much symptoms affect life and whether non-surgical care has failed, "
        "not on how the X-ray looks.",
        indication="Hip symptoms substantially limiting function (for example shoes and socks, "
        "car transfers, a limp) after non-surgical care has been tried",
        article="Management 6: hip replacement for advanced cases; FAQ: treating the hip",
        evidence=(
            EvidenceNote(
                "parvizi2010",
                "Back pain before hip replacement in 170/344 (49.4%); it resolved in 113/170 "
                "(66.4%) afterwards",
            ),
            EvidenceNote(
                "force_tjr2016", "56% with moderate or severe back pain improved at 6 months"
            ),
            EvidenceNote(
                "prather2012",
                "A co-existing lumbar spine disorder predicted less improvement after surgery",
            ),
        ),
    ),
)
