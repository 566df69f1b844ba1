"""Every source the kit cites, in one place.

Findings, red flags, management items, figures and lessons refer to a source by
its key; the text of the citation and how well it was verified live only here.
``status`` follows the tags of the evidence review behind this catalogue: "found" (read in
a copy of the source), "secondary" (seen only in a summary of it), "unverified"
(details from memory) or "article" (the source article the kit teaches from).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Reference:
    """A cited source.

    Attributes
    ----------
    key : str
        Short key used everywhere else (e.g. ``"khan2004"``).
    short : str
        How the kit names it in text ("Khan 2004").
    citation : str
        Full citation.
    status : str
        "found", "secondary", "unverified" or "article".
    """

    key: str
    short: str
    citation: str
    status: str = "found"


_REFS = (
    Reference(
        "article",
        "Source article",
        "Guest article on how hip arthritis can cause back pain, published by MSK Doctors "
        "(the text the kit teaches from, paraphrased and cited, never reproduced).",
        "article",
    ),
    Reference(
        "khan2004",
        "Khan 2004",
        "Khan AM, McLoughlin E, Giannakas K, Hutchinson C, Andrew JG. Hip osteoarthritis: "
        "where is the pain? Ann R Coll Surg Engl 2004;86(2):119-121. "
        "doi:10.1308/003588404322827518",
    ),
    Reference(
        "lesher2008",
        "Lesher 2008",
        "Lesher JM, et al. Hip joint pain referral patterns: a descriptive study. "
        "Pain Med 2008;9(1):22-25. doi:10.1111/j.1526-4637.2006.00153.x",
    ),
    Reference(
        "poulsen2016",
        "Poulsen 2016",
        "Poulsen E, Overgaard S, Vestergaard JT, Christensen HW, Hartvigsen J. Pain distribution "
        "in primary care patients with hip osteoarthritis. Fam Pract 2016;33(6):601-606.",
    ),
    Reference(
        "metcalfe2019",
        "Metcalfe 2019",
        "Metcalfe D, Perry DC, Claireaux HA, Simel DL, Zogg CK, Costa ML. Does this patient "
        "have hip osteoarthritis? The Rational Clinical Examination systematic review. "
        "JAMA 2019;322(23):2323-2333. doi:10.1001/jama.2019.19413",
    ),
    Reference(
        "suri2010",
        "Suri 2010",
        "Suri P, Rainville J, Kalichman L, Katz JN. Does this older adult with lower extremity "
        "pain have the clinical syndrome of lumbar spinal stenosis? JAMA 2010;304(23):2628-2636. "
        "doi:10.1001/jama.2010.1833",
    ),
    Reference(
        "parvizi2010",
        "Parvizi 2010",
        "Parvizi J, Pour AE, Hillibrand A, Goldberg G, Sharkey PF, Rothman RH. Back pain and "
        "total hip arthroplasty: a prospective natural history study. Clin Orthop Relat Res "
        "2010;468(5):1325-1330. doi:10.1007/s11999-010-1236-5",
    ),
    Reference(
        "prather2017",
        "Prather 2017",
        "Prather H, et al. J Orthop Sports Phys Ther 2017;47(3):163-172. "
        "doi:10.2519/jospt.2017.6567",
    ),
    Reference(
        "prather2012",
        "Prather 2012",
        "Prather H, Van Dillen L, Kymes S, Armbrecht M, Stwalley D, Clohisy JC. Impact of "
        "coexistent lumbar spine disorders on clinical outcomes and physician charges associated "
        "with total hip arthroplasty. Spine J 2012;12(5):363-369. "
        "doi:10.1016/j.spinee.2011.11.002",
    ),
    Reference(
        "bengalim2007",
        "Ben-Galim 2007",
        "Ben-Galim P, et al. Hip-spine syndrome: the effect of total hip replacement surgery on "
        "low back pain in severe osteoarthritis of the hip. Spine 2007;32(19):2099-2102. "
        "doi:10.1097/BRS.0b013e318145a3c5",
    ),
    Reference(
        "brown2004",
        "Brown 2004",
        "Brown MD, Gomez-Marin O, Brookfield KF, Li PS. Differential diagnosis of hip disease "
        "versus spine disease. Clin Orthop Relat Res 2004;(419):280-284.",
        "unverified",
    ),
    Reference(
        "offierski1983",
        "Offierski & MacNab 1983",
        "Offierski CM, MacNab I. Hip-spine syndrome. Spine 1983;8(3):316-321.",
        "secondary",
    ),
    Reference(
        "sutlive2008",
        "Sutlive 2008",
        "Sutlive TG, Lopez HP, Schnitker DE, Yawn SE, Halle RJ, Bui-Mansfield LT, Boyles RE, "
        "Childs JD. Development of a clinical prediction rule for diagnosing hip osteoarthritis "
        "in individuals with unilateral hip pain. J Orthop Sports Phys Ther 2008;38(9):542-550.",
        "secondary",
    ),
    Reference(
        "altman1991",
        "Altman 1991 (ACR criteria)",
        "Altman R, Alarcon G, Appelrouth D, et al. The American College of Rheumatology criteria "
        "for the classification and reporting of osteoarthritis of the hip. Arthritis Rheum "
        "1991;34(5):505-514. doi:10.1002/art.1780340502",
    ),
    Reference(
        "birrell2001",
        "Birrell 2001",
        "Birrell F, et al. Rheumatology 2001;40:506-512.",
        "secondary",
    ),
    Reference(
        "deville2000",
        "Devillé 2000",
        "Devillé WL, van der Windt DA, Dzaferagic A, Bezemer PD, Bouter LM. The test of Lasègue: "
        "systematic review of the accuracy in diagnosing herniated discs. Spine "
        "2000;25(9):1140-1147.",
        "secondary",
    ),
    Reference(
        "tawa2017",
        "Tawa 2017",
        "Tawa N, Rhoda A, Diener I. Accuracy of clinical neurological examination in diagnosing "
        "lumbo-sacral radiculopathy: a systematic literature review. BMC Musculoskelet Disord "
        "2017;18:93.",
    ),
    Reference(
        "kim2014",
        "Kim 2014 (Framingham)",
        "Kim C, et al. Framingham Osteoarthritis Study. Arthritis Rheumatol 2014. "
        "doi:10.1002/art.38795",
    ),
    Reference(
        "kim2015",
        "Kim 2015",
        "Kim C, et al. Association of hip pain with radiographic evidence of hip osteoarthritis: "
        "diagnostic test study. BMJ 2015;351:h5983. doi:10.1136/bmj.h5983",
    ),
    Reference(
        "brinjikji2015",
        "Brinjikji 2015",
        "Brinjikji W, et al. Systematic literature review of imaging features of spinal "
        "degeneration in asymptomatic populations. AJNR 2015;36(4):811-816. "
        "doi:10.3174/ajnr.A4173",
    ),
    Reference(
        "finucane2020",
        "Finucane 2020 (IFOMPT)",
        "Finucane LM, Downie A, Mercer C, et al. International framework for red flags for "
        "potential serious spinal pathologies. J Orthop Sports Phys Ther 2020;50(7):350-372. "
        "doi:10.2519/jospt.2020.9971",
    ),
    Reference(
        "downie2013",
        "Downie 2013",
        "Downie A, et al. Red flags to screen for malignancy and fracture in patients with low "
        "back pain: systematic review. BMJ 2013;347:f7095. doi:10.1136/bmj.f7095",
    ),
    Reference(
        "greenhalgh2018",
        "Greenhalgh 2018",
        "Greenhalgh S, Finucane L, Mercer C, Selfe J. Assessment and management of cauda equina "
        "syndrome. Musculoskelet Sci Pract 2018;37:69-74. doi:10.1016/j.msksp.2018.06.002",
        "secondary",
    ),
    Reference(
        "nhs_pathway",
        "NHS back-pain pathways",
        "NHS Gloucestershire and York back-pain / cauda equina pathways (based on NICE CKS), "
        "as summarised in the red-flag evidence review.",
        "secondary",
    ),
    Reference(
        "nice_ng226",
        "NICE NG226",
        "National Institute for Health and Care Excellence. Osteoarthritis in over 16s: "
        "diagnosis and management. NICE guideline NG226, 19 October 2022.",
    ),
    Reference(
        "nice_ng59",
        "NICE NG59",
        "National Institute for Health and Care Excellence. Low back pain and sciatica in over "
        "16s: assessment and management. NICE guideline NG59, 2016 (updated 2020).",
    ),
    Reference(
        "nice_ng65",
        "NICE NG65",
        "National Institute for Health and Care Excellence. Spondyloarthritis in over 16s: "
        "diagnosis and management. NICE guideline NG65, 2017.",
    ),
    Reference(
        "nice_ipg637",
        "NICE IPG637",
        "National Institute for Health and Care Excellence. Platelet-rich plasma injections for "
        "knee osteoarthritis. Interventional procedures guidance IPG637, January 2019.",
    ),
    Reference(
        "acr2019",
        "ACR/AF 2019",
        "Kolasinski SL, Neogi T, Hochberg MC, et al. 2019 American College of Rheumatology/"
        "Arthritis Foundation guideline for the management of osteoarthritis of the hand, hip, "
        "and knee. Arthritis Rheumatol 2020;72(2):220-233. doi:10.1002/art.41142",
    ),
    Reference(
        "acr_ac_hip2016",
        "ACR Appropriateness Criteria, chronic hip pain (2016)",
        "American College of Radiology. ACR Appropriateness Criteria: chronic hip pain. 2016.",
    ),
    Reference(
        "acr_ac_lbp2021",
        "ACR Appropriateness Criteria, low back pain (2021)",
        "American College of Radiology. ACR Appropriateness Criteria: low back pain. 2021.",
    ),
    Reference(
        "oarsi2019",
        "OARSI 2019",
        "Bannuru RR, Osani MC, Vaysbrot EE, et al. OARSI guidelines for the non-surgical "
        "management of knee, hip, and polyarticular osteoarthritis. Osteoarthritis Cartilage "
        "2019;27(11):1578-1589. doi:10.1016/j.joca.2019.06.011",
    ),
    Reference(
        "liu2018",
        "Liu 2018",
        "Liu X, et al. Dietary supplements for treating osteoarthritis: a systematic review and "
        "meta-analysis. Br J Sports Med 2018;52:167.",
    ),
    Reference(
        "paultre2021", "Paultre 2021", "Paultre K, et al. BMJ Open Sport Exerc Med 2021;7:e000935."
    ),
    Reference(
        "bennell2021",
        "Bennell 2021",
        "Bennell KL, et al. Effect of intra-articular platelet-rich plasma vs placebo injection "
        "on pain and medial tibial cartilage volume in patients with knee osteoarthritis. "
        "JAMA 2021.",
    ),
    Reference(
        "force_tjr2016",
        "FORCE-TJR 2016",
        "Multi-centre registry analysis of back pain after total hip arthroplasty. "
        "J Arthroplasty 2016;31(1):176-179. doi:10.1016/j.arth.2015.07.028",
    ),
    Reference(
        "teaching_estimate",
        "teaching estimate",
        "No published figure was found (no published study reports it); the number is "
        "the kit authors' judgement, stated with its rationale, for teaching only.",
        "unverified",
    ),
    Reference(
        "buckland2017",
        "Buckland 2017",
        "Buckland AJ, Miyamoto R, Patel RD, Slover J, Razi AE. Differentiating hip pathology "
        "from lumbar spine pathology: key points of evaluation and management. J Am Acad Orthop "
        "Surg 2017;25(2):e23-e34. doi:10.5435/JAAOS-D-15-00740",
    ),
    Reference(
        "devin2012",
        "Devin 2012",
        "Devin CJ, McCullough KA, Morris BJ, Yates AJ, Kang JD. Hip-spine syndrome. J Am Acad "
        "Orthop Surg 2012;20(7):434-442. doi:10.5435/JAAOS-20-07-434",
    ),
    Reference(
        "who_bmi",
        "WHO BMI classification",
        "World Health Organization. Obesity: preventing and managing the global epidemic. WHO "
        "Technical Report Series 894, 2000 (BMI 25 or more = overweight). Standard "
        "definition cited from memory.",
        "unverified",
    ),
    Reference(
        "nice_ng234",
        "NICE NG234",
        "National Institute for Health and Care Excellence. Spinal metastases and metastatic "
        "spinal cord compression. NICE guideline NG234, 2023 (replaces CG75). Title, number, "
        "scope and the replacement of CG75 checked on the NICE and NCBI Bookshelf pages; the "
        "24-hour and immediate contact timings were read in CG75 (see NICE CG75), not yet in "
        "NG234's own text.",
        "found",
    ),
    Reference(
        "nice_cg75",
        "NICE CG75",
        "National Institute for Health and Clinical Excellence. Metastatic spinal cord "
        "compression: diagnosis and management of adults at risk of and with metastatic spinal "
        "cord compression. Clinical guideline CG75, 26 November 2008 (replaced by NG234 in "
        "2023): contact the MSCC coordinator urgently, within 24 hours, for cancer with spinal "
        "pain suggestive of metastases (thoracic pain, progressive or severe unremitting lumbar "
        "pain, pain on straining, night pain preventing sleep); immediately, as an oncological "
        "emergency, with neurological symptoms or signs.",
        "found",
    ),
    Reference(
        "nice_ng156",
        "NICE NG156",
        "National Institute for Health and Care Excellence. Abdominal aortic aneurysm: "
        "diagnosis and management. NICE guideline NG156, 19 March 2020. Checked: it asks "
        "clinicians to think of a ruptured aneurysm in people with new abdominal and/or back "
        "pain, cardiovascular collapse or loss of consciousness, and covers emergency transfer "
        "to a regional vascular service; the kit's wording of the action is its own.",
        "found",
    ),
    Reference(
        "coakley2006",
        "BSR hot swollen joint 2006",
        "Coakley G, Mathews C, Field M, et al. BSR & BHPR, BOA, RCGP and BSAC guidelines for "
        "management of the hot swollen joint in adults. Rheumatology 2006;45(8):1039-1041. "
        "doi:10.1093/rheumatology/kel163a. Checked in its abridged text: septic arthritis is "
        "the most serious cause of a hot swollen joint (case fatality 11%); synovial fluid is "
        "aspirated and cultured before antibiotics (grade B); it covers native joints, not the "
        "axial skeleton.",
        "found",
    ),
)

REFERENCES: dict[str, Reference] = {r.key: r for r in _REFS}


def cite(key: str) -> str:
    """Return the short form of a reference ("Khan 2004").

    Examples
    --------
    >>> cite("khan2004")
    'Khan 2004'
    """
    return REFERENCES[key].short


def reference(key: str) -> Reference:
    """Look a reference up by key, with a clear error for an unknown one.

    Examples
    --------
    >>> reference("nice_ng234").short
    'NICE NG234'
    """
    found = REFERENCES.get(key)
    if found is None:
        raise KeyError(f"{key!r} is not a reference key of hipback.knowledge.references")
    return found


def is_reference(key: str) -> bool:
    """True when ``key`` names a reference in :data:`REFERENCES`."""
    return key in REFERENCES
