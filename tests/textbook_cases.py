"""Textbook presentations (case record v2), written from the literature.

Written before the v2 model was run on them: each entry models a presentation described
in a cited source, and the expected label is the primary pain driver a careful clinician
would name (``hip`` includes back pain secondary to the hip; ``combined`` is Offierski &
MacNab's complex hip-spine syndrome; ``undetermined`` when too little has been assessed).
Findings are three-state as a clinician records them: ``True`` present, ``False`` asked or
examined and absent, left out = not assessed.

Red-flag presentations give ``level`` (the expected most serious level of concern,
IFOMPT 2020 / NICE pathways; a tuple where the sources allow two) and ``urgent`` (None
where it follows from which of two levels applies); the test checks them only for flags
whose screening rule exists (the red-flag catalogue is written separately).
"""

from __future__ import annotations

# Shorthands for groups of findings a clinician records together.
_HIP_OA_EXAM = dict(hip_rotation_limited=True, hip_pain_on_passive_movement=True)
_NO_RADICULAR = dict(
    numbness_tingling=False,
    positive_slr=False,
    dermatomal_sensory_loss=False,
    reflex_change=False,
    myotomal_weakness=False,
)
_NO_HIP_SIGNS = dict(
    pain_groin=False,
    hip_rotation_limited=False,
    hip_pain_on_passive_movement=False,
    difficulty_shoes_socks=False,
)
_RADICULAR_L5_S1 = dict(
    pain_below_knee=True,
    pain_posterior_thigh=True,
    leg_pain_worse_than_back=True,
    numbness_tingling=True,
    positive_slr=True,
    dermatomal_sensory_loss=True,
)
_STENOSIS = dict(
    bilateral_leg_symptoms=True,
    eased_by_bending_forward=True,
    sitting_effect="eases",
    worse_walking=True,
    worse_standing=True,
    pain_below_knee=True,
)

TEXTBOOK: tuple[dict, ...] = (
    # ------------------------------------------------------------------ hip (13)
    dict(
        id="article_hip_column",
        label="hip",
        models="Source article, comparison table: the hip-column features",
        fields=dict(
            age=68,
            pain_groin=True,
            pain_anterior_thigh=True,
            pain_lower_back=False,
            worse_walking=True,
            worse_stairs=True,
            worse_sit_to_stand=True,
            sitting_effect="eases",
            hip_rotation_limited=True,
            difficulty_crossing_legs=True,
            **_NO_RADICULAR,
        ),
    ),
    dict(
        id="nice_ng226_clinical_oa",
        label="hip",
        models="NICE NG226 1.1.1: age 45 or over, activity-related joint pain, morning "
        "stiffness 30 minutes or less; Altman 1991 ACR clinical criteria (pain on internal "
        "rotation, rotation limited)",
        fields=dict(
            age=63,
            pain_groin=True,
            worse_walking=True,
            morning_stiffness_minutes=20,
            **_HIP_OA_EXAM,
            pain_lower_back=False,
            pain_below_knee=False,
            positive_slr=False,
        ),
    ),
    dict(
        id="khan_hip_oa_below_knee",
        label="hip",
        models="Khan 2004: hip OA with pain below the knee (47% of people awaiting hip "
        "replacement), groin pain, no neurological signs",
        fields=dict(
            age=70,
            pain_groin=True,
            pain_buttock=True,
            pain_below_knee=True,
            pain_lower_back=False,
            worse_stairs=True,
            **_HIP_OA_EXAM,
            **_NO_RADICULAR,
        ),
    ),
    dict(
        id="parvizi_secondary_back_pain",
        label="hip",
        models="Parvizi 2010: back pain in half of hip-replacement candidates that resolves "
        "after hip replacement in two thirds (the hip drives it); Offierski & MacNab "
        "secondary hip-spine",
        fields=dict(
            age=72,
            pain_groin=True,
            pain_lower_back=True,
            worse_walking=True,
            limp=True,
            difficulty_shoes_socks=True,
            **_HIP_OA_EXAM,
            hip_oa_stage="advanced",
            pain_below_knee=False,
            worse_bending=False,
            worse_lumbar_extension=False,
            **_NO_RADICULAR,
        ),
    ),
    dict(
        id="lesher_buttock_thigh_groin",
        label="hip",
        models="Lesher 2008: hip-joint pain referral to buttock (71%), thigh (57%) and groin "
        "(55%), no lower lumbar referral",
        fields=dict(
            age=66,
            pain_buttock=True,
            pain_anterior_thigh=True,
            pain_lateral_hip=True,
            pain_groin=True,
            pain_lower_back=False,
            hip_pain_on_passive_movement=True,
            worse_sit_to_stand=True,
            **_NO_RADICULAR,
        ),
    ),
    dict(
        id="poulsen_primary_care_hip_oa",
        label="hip",
        models="Poulsen 2016: primary-care hip OA, greater trochanter (77%) and groin (53%) "
        "pain, knee pain in 17%",
        fields=dict(
            age=64,
            pain_lateral_hip=True,
            pain_groin=True,
            pain_knee=True,
            pain_lower_back=False,
            worse_walking=True,
            worse_stairs=True,
            hip_rotation_limited=True,
            difficulty_car_transfer=True,
            positive_slr=False,
            dermatomal_sensory_loss=False,
        ),
    ),
    dict(
        id="metcalfe_rational_exam_hip_oa",
        label="hip",
        models="Metcalfe 2019 (JAMA Rational Clinical Examination): stairs pain, groin pain "
        "on passive movement, reduced internal rotation, sitting relief",
        fields=dict(
            age=69,
            pain_groin=True,
            worse_stairs=True,
            worse_walking=True,
            sitting_effect="eases",
            **_HIP_OA_EXAM,
            limp=True,
            pain_lower_back=False,
            bilateral_leg_symptoms=False,
        ),
    ),
    dict(
        id="sutlive_rule_positive",
        label="hip",
        models="Sutlive 2008: unilateral hip pain with squat-aggravated pain, painful scour "
        "(passive movement) and internal rotation of 25 degrees or less",
        fields=dict(
            age=58,
            pain_groin=True,
            pain_lateral_hip=True,
            worse_sit_to_stand=True,
            **_HIP_OA_EXAM,
            pain_lower_back=False,
            bilateral_leg_symptoms=False,
            numbness_tingling=False,
        ),
    ),
    dict(
        id="moore_case_report_hip",
        label="hip",
        models="Moore, Wilmarth & Corkery (Northeastern case report): groin pain, decreased "
        "hip internal rotation, gait dysfunction as the differentiating findings",
        fields=dict(
            age=61,
            pain_groin=True,
            pain_buttock=True,
            limp=True,
            hip_rotation_limited=True,
            hip_pain_on_passive_movement=True,
            worse_walking=True,
            worse_bending=False,
            worse_lumbar_extension=False,
            spine_stiffness_bending=False,
            positive_slr=False,
        ),
    ),
    dict(
        id="hip_oa_function_loss",
        label="hip",
        models="Source article hip OA symptoms (shoes and socks, car transfers, crossing "
        "legs) with Birrell 2001 restricted hip range in primary care",
        fields=dict(
            age=74,
            pain_groin=True,
            difficulty_shoes_socks=True,
            difficulty_car_transfer=True,
            difficulty_crossing_legs=True,
            hip_rotation_limited=True,
            morning_stiffness_minutes=15,
            pain_lower_back=False,
            pain_below_knee=False,
            positive_slr=False,
        ),
    ),
    dict(
        id="hip_after_spine_surgery",
        label="hip",
        models="Devin 2012 / Offierski & MacNab 'misdiagnosed': groin pain and painful hip "
        "rotation persisting after lumbar surgery, no radicular signs",
        fields=dict(
            age=67,
            prior_spine_surgery=True,
            pain_groin=True,
            pain_anterior_thigh=True,
            **_HIP_OA_EXAM,
            worse_walking=True,
            pain_lower_back=False,
            **_NO_RADICULAR,
        ),
    ),
    dict(
        id="ben_galim_severe_hip_oa",
        label="hip",
        models="Ben-Galim 2007: severe hip OA awaiting replacement with secondary back "
        "pain that improved after hip replacement",
        fields=dict(
            age=71,
            pain_groin=True,
            pain_lower_back=True,
            limp=True,
            **_HIP_OA_EXAM,
            difficulty_shoes_socks=True,
            hip_oa_stage="advanced",
            leg_pain_worse_than_back=True,
            worse_lumbar_extension=False,
            bilateral_leg_symptoms=False,
            eased_by_bending_forward=False,
            **_NO_RADICULAR,
        ),
    ),
    dict(
        id="brown_groin_limp_rotation",
        label="hip",
        models="Brown 2004 (as quoted; unverified figures): groin pain, limp and limited "
        "internal rotation point to the hip rather than the spine",
        fields=dict(
            age=65,
            pain_groin=True,
            limp=True,
            hip_rotation_limited=True,
            worse_walking=True,
            pain_lower_back=False,
            positive_slr=False,
            numbness_tingling=False,
        ),
    ),
    # ------------------------------------------------------------------ spine (13)
    dict(
        id="article_spine_column",
        label="spine",
        models="Source article, comparison table: the spine-column features",
        fields=dict(
            age=45,
            pain_lower_back=True,
            pain_buttock=True,
            worse_bending=True,
            worse_twisting=True,
            worse_prolonged_sitting=True,
            sitting_effect="worsens",
            spine_stiffness_bending=True,
            **_NO_HIP_SIGNS,
        ),
    ),
    dict(
        id="suri_stenosis_classic",
        label="spine",
        models="Suri 2010 (JAMA): older adult with bilateral leg pain, relief on bending "
        "forward and no pain when seated (lumbar spinal stenosis)",
        fields=dict(
            age=74,
            pain_lower_back=True,
            **_STENOSIS,
            **_NO_HIP_SIGNS,
        ),
    ),
    dict(
        id="khan_stenosis_group",
        label="spine",
        models="Khan 2004: people awaiting decompression for stenosis, groin pain uncommon "
        "(30%); Suri 2010 neurogenic claudication",
        fields=dict(
            age=70,
            pain_buttock=True,
            pain_lower_back=True,
            pain_groin=False,
            worse_walking=True,
            worse_standing=True,
            eased_by_bending_forward=True,
            bilateral_leg_symptoms=True,
            hip_rotation_limited=False,
            hip_pain_on_passive_movement=False,
        ),
    ),
    dict(
        id="stenosis_with_incidental_hip_oa",
        label="spine",
        models="Kim 2014/2015 (Framingham): radiographic hip OA is common and often painless; "
        "stenosis pattern (Suri 2010) with a painless hip examination",
        fields=dict(
            age=76,
            hip_oa_stage="moderate",
            pain_lower_back=True,
            **_STENOSIS,
            pain_groin=False,
            hip_pain_on_passive_movement=False,
            difficulty_shoes_socks=False,
        ),
    ),
    dict(
        id="l5_radiculopathy_disc",
        label="spine",
        models="Tawa 2017 / Devillé 2000: disc herniation with L5 radiculopathy, leg pain "
        "worse than back pain below the knee, positive straight-leg raise, dermatomal loss",
        fields=dict(
            age=41,
            pain_lower_back=True,
            **_RADICULAR_L5_S1,
            myotomal_weakness=True,
            sitting_effect="worsens",
            worse_bending=True,
            **_NO_HIP_SIGNS,
        ),
    ),
    dict(
        id="s1_radiculopathy_reflex",
        label="spine",
        models="Iversen 2013 / NICE NG59 sciatica: S1 radiculopathy with reduced ankle "
        "reflex, posterior thigh and calf pain",
        fields=dict(
            age=38,
            pain_lower_back=True,
            pain_posterior_thigh=True,
            pain_below_knee=True,
            leg_pain_worse_than_back=True,
            reflex_change=True,
            positive_slr=True,
            numbness_tingling=True,
            worse_prolonged_sitting=True,
            **_NO_HIP_SIGNS,
        ),
    ),
    dict(
        id="upper_lumbar_radiculopathy",
        label="spine",
        models="Upper lumbar (L3-L4) radiculopathy mimicking hip pain: anterior thigh pain, "
        "positive femoral nerve stretch, dermatomal loss; painless hip rotation (Devin 2012)",
        fields=dict(
            age=59,
            pain_anterior_thigh=True,
            pain_lower_back=True,
            positive_femoral_nerve_stretch=True,
            dermatomal_sensory_loss=True,
            reflex_change=True,
            numbness_tingling=True,
            pain_groin=False,
            hip_rotation_limited=False,
            hip_pain_on_passive_movement=False,
        ),
    ),
    dict(
        id="mechanical_lbp_ng59",
        label="spine",
        models="NICE NG59: non-specific (mechanical) low back pain provoked by bending and "
        "sitting, no hip findings",
        fields=dict(
            age=44,
            pain_lower_back=True,
            worse_bending=True,
            worse_prolonged_sitting=True,
            spine_stiffness_bending=True,
            sitting_effect="worsens",
            pain_below_knee=False,
            **_NO_HIP_SIGNS,
        ),
    ),
    dict(
        id="facet_extension_pain",
        label="spine",
        models="Lumbar extension-provoked back and buttock pain, standing worse (clinical "
        "cue without a published LR)",
        fields=dict(
            age=62,
            pain_lower_back=True,
            pain_buttock=True,
            worse_lumbar_extension=True,
            worse_standing=True,
            worse_twisting=True,
            spine_stiffness_bending=True,
            **_NO_HIP_SIGNS,
        ),
    ),
    dict(
        id="prather_lbp_with_stiff_hip",
        label="spine",
        models="Prather 2017: people presenting with back pain often have reduced hip "
        "rotation without a painful hip; the back is the driver",
        fields=dict(
            age=48,
            pain_lower_back=True,
            worse_bending=True,
            worse_twisting=True,
            sitting_effect="worsens",
            hip_rotation_limited=True,
            hip_pain_on_passive_movement=False,
            pain_groin=False,
            difficulty_shoes_socks=False,
        ),
    ),
    dict(
        id="stenosis_after_hip_replacement",
        label="spine",
        models="Parvizi 2010: back and leg pain persisting after hip replacement went with "
        "spine disorders; below-knee pain was the marker",
        fields=dict(
            age=73,
            prior_hip_replacement=True,
            pain_lower_back=True,
            pain_below_knee=True,
            bilateral_leg_symptoms=True,
            eased_by_bending_forward=True,
            worse_walking=True,
            pain_groin=False,
            hip_pain_on_passive_movement=False,
        ),
    ),
    dict(
        id="radicular_sitting_worse",
        label="spine",
        models="NICE NG59 sciatica: leg-dominant pain below the knee with tingling, worse "
        "sitting and bending (disc), straight-leg raise positive",
        fields=dict(
            age=35,
            pain_lower_back=True,
            pain_below_knee=True,
            leg_pain_worse_than_back=True,
            numbness_tingling=True,
            positive_slr=True,
            worse_bending=True,
            sitting_effect="worsens",
            pain_groin=False,
            hip_rotation_limited=False,
        ),
    ),
    # ------------------------------------------------------------------ combined (9)
    dict(
        id="offierski_complex",
        label="combined",
        models="Offierski & MacNab 1983 complex hip-spine syndrome: hip OA signs together "
        "with a stenosis pattern",
        fields=dict(
            age=72,
            pain_groin=True,
            **_HIP_OA_EXAM,
            pain_lower_back=True,
            bilateral_leg_symptoms=True,
            eased_by_bending_forward=True,
            worse_walking=True,
        ),
    ),
    dict(
        id="hip_oa_with_radiculopathy",
        label="combined",
        models="Buckland 2017 / Devin 2012: hip OA (groin pain, painful limited rotation) "
        "with an L5 radiculopathy (positive straight-leg raise, dermatomal loss)",
        fields=dict(
            age=66,
            pain_groin=True,
            **_HIP_OA_EXAM,
            pain_lower_back=True,
            **_RADICULAR_L5_S1,
        ),
    ),
    dict(
        id="prather_2012_coexistent",
        label="combined",
        models="Prather 2012: hip-replacement candidates also under a spine specialist "
        "(18%); hip OA plus lumbar stenosis",
        fields=dict(
            age=75,
            hip_oa_stage="advanced",
            pain_groin=True,
            limp=True,
            difficulty_shoes_socks=True,
            hip_rotation_limited=True,
            pain_lower_back=True,
            bilateral_leg_symptoms=True,
            sitting_effect="eases",
            pain_below_knee=True,
            eased_by_bending_forward=True,
        ),
    ),
    dict(
        id="parvizi_persisting_spine",
        label="combined",
        models="Parvizi 2010: hip OA with back pain radiating below the knee and known spine "
        "disorder (the third whose back pain persisted)",
        fields=dict(
            age=69,
            pain_groin=True,
            **_HIP_OA_EXAM,
            pain_lower_back=True,
            pain_below_knee=True,
            numbness_tingling=True,
            reflex_change=True,
            positive_slr=True,
        ),
    ),
    dict(
        id="hip_oa_and_mechanical_lbp",
        label="combined",
        models="Devin 2012 hip-spine review: painful hip OA and independent mechanical back "
        "pain aggravated by bending and extension",
        fields=dict(
            age=62,
            pain_groin=True,
            **_HIP_OA_EXAM,
            difficulty_shoes_socks=True,
            pain_lower_back=True,
            worse_bending=True,
            worse_lumbar_extension=True,
            spine_stiffness_bending=True,
            worse_twisting=True,
        ),
    ),
    dict(
        id="upper_lumbar_root_plus_hip",
        label="combined",
        models="Buckland 2017: groin and anterior thigh pain from both the hip and an L3-L4 "
        "root (femoral nerve stretch positive, reflex change)",
        fields=dict(
            age=68,
            pain_groin=True,
            pain_anterior_thigh=True,
            **_HIP_OA_EXAM,
            pain_lower_back=True,
            positive_femoral_nerve_stretch=True,
            reflex_change=True,
            dermatomal_sensory_loss=True,
        ),
    ),
    dict(
        id="stenosis_plus_hip_function_loss",
        label="combined",
        models="Offierski & MacNab complex: neurogenic claudication (Suri 2010) with hip "
        "OA function loss (source article symptoms)",
        fields=dict(
            age=77,
            pain_lower_back=True,
            bilateral_leg_symptoms=True,
            eased_by_bending_forward=True,
            worse_standing=True,
            pain_groin=True,
            difficulty_shoes_socks=True,
            difficulty_car_transfer=True,
            hip_rotation_limited=True,
            hip_pain_on_passive_movement=True,
        ),
    ),
    dict(
        id="hip_oa_with_sciatica_sitting",
        label="combined",
        models="Khan 2004 groin pain of hip OA with NG59 sciatica (leg-dominant pain, "
        "positive straight-leg raise, sitting worse)",
        fields=dict(
            age=60,
            pain_groin=True,
            hip_pain_on_passive_movement=True,
            hip_rotation_limited=True,
            pain_lower_back=True,
            pain_below_knee=True,
            leg_pain_worse_than_back=True,
            positive_slr=True,
            numbness_tingling=True,
            myotomal_weakness=True,
            sitting_effect="worsens",  # the presentation it models says "sitting worse"
        ),
    ),
    dict(
        id="secondary_sagittal_imbalance",
        label="combined",
        models="Offierski & MacNab secondary hip-spine: hip flexion contracture with lumbar "
        "extension pain and stenosis symptoms (Devin 2012)",
        fields=dict(
            age=73,
            pain_groin=True,
            limp=True,
            hip_rotation_limited=True,
            hip_pain_on_passive_movement=True,
            pain_lower_back=True,
            worse_lumbar_extension=True,
            worse_standing=True,
            eased_by_bending_forward=True,
            bilateral_leg_symptoms=True,
        ),
    ),
    # ------------------------------------------------------------------ undetermined (2)
    dict(
        id="blank_case",
        label="undetermined",
        models="Clinical audit item 17: with no findings assessed the kit must say so",
        fields=dict(age=55),
    ),
    dict(
        id="buttock_pain_only",
        label="undetermined",
        models="Lesher 2008: buttock pain alone is the commonest hip referral site and common "
        "in spinal pain too; nothing else assessed",
        fields=dict(age=58, pain_buttock=True),
    ),
    # ------------------------------------------------------------------ red flags (10)
    dict(
        id="ces_saddle_bladder",
        red_flag=True,
        level="emergency",
        urgent=True,
        models="Greenhalgh 2018 / GIRFT: cauda equina syndrome, saddle anaesthesia with new "
        "bladder dysfunction and bilateral sciatica",
        fields=dict(
            age=44,
            pain_lower_back=True,
            saddle_anaesthesia=True,
            bladder_bowel_dysfunction=True,
            bilateral_sciatica=True,
        ),
    ),
    dict(
        id="ces_saddle_only",
        red_flag=True,
        level="emergency",
        urgent=True,
        models="Greenhalgh 2018: saddle anaesthesia alone in a person with back pain and "
        "sciatica warrants emergency assessment",
        fields=dict(age=39, pain_lower_back=True, pain_below_knee=True, saddle_anaesthesia=True),
    ),
    dict(
        id="mscc_cancer_night_pain",
        red_flag=True,
        level="urgent",
        urgent=True,
        models="Downie 2013 / NICE NG234: history of cancer with new back pain at night, "
        "weight loss, over 50 (suspected spinal metastasis)",
        fields=dict(
            age=68,
            pain_lower_back=True,
            history_of_cancer=True,
            night_pain=True,
            unexplained_weight_loss=True,
            thoracic_pain=True,
        ),
    ),
    dict(
        id="spinal_infection_ivdu",
        red_flag=True,
        level="urgent",
        urgent=True,
        models="Finucane 2020 (IFOMPT) spinal infection: fever with intravenous drug use",
        fields=dict(age=36, pain_lower_back=True, fever=True, immunosuppressed_or_ivdu=True),
    ),
    dict(
        id="septic_hip",
        red_flag=True,
        level=("urgent", "emergency"),
        urgent=True,
        models="NICE NG226 atypical features: hot swollen joint with fever (septic arthritis); "
        "the issue's example grades it urgent, NHS practice sends it the same day to the "
        "emergency department: either level is accepted",
        fields=dict(age=71, pain_groin=True, fever=True, hot_swollen_joint=True, limp=True),
    ),
    dict(
        id="aaa_pulsatile_mass",
        red_flag=True,
        level="emergency",
        urgent=True,
        models="Vascular red flag (NICE NG156; IFOMPT 2020): older man with back pain and a "
        "pulsatile abdominal mass",
        fields=dict(age=74, sex="male", pain_lower_back=True, pulsatile_abdominal_mass=True),
    ),
    dict(
        id="major_trauma_fracture",
        red_flag=True,
        level="emergency",
        urgent=True,
        models="Downie 2013: severe trauma (fracture post-test 11%); ED after major trauma",
        fields=dict(age=52, pain_lower_back=True, major_trauma=True),
    ),
    dict(
        id="osteoporotic_fracture",
        red_flag=True,
        level=("soon", "urgent"),
        urgent=None,
        models="Downie 2013: prolonged corticosteroids (fracture post-test 33%), older age, "
        "minor trauma; X-ray and bone-health work-up (the timing of the X-ray, soon or within "
        "24 hours, is not verified in the guideline text: either level is accepted)",
        fields=dict(
            age=78,
            sex="female",
            pain_lower_back=True,
            long_term_corticosteroids=True,
            minor_trauma=True,
        ),
    ),
    dict(
        id="progressive_foot_drop",
        red_flag=True,
        level="urgent",
        urgent=True,
        models="NHS pathway: rapidly progressive neurological deficit (foot drop), urgent "
        "same-day specialist discussion",
        fields=dict(
            age=47,
            pain_below_knee=True,
            myotomal_weakness=True,
            progressive_weakness=True,
            positive_slr=True,
        ),
    ),
    dict(
        id="cancer_history_alone",
        red_flag=True,
        level="monitor",
        urgent=False,
        models="Clinical audit item 3 / Downie 2013: past cancer alone with typical "
        "mechanical pain is a flag to ask more and safety-net, not an emergency",
        fields=dict(
            age=45,
            pain_lower_back=True,
            worse_bending=True,
            history_of_cancer=True,
            night_pain=False,
            unexplained_weight_loss=False,
        ),
    ),
    dict(
        id="inflammatory_back_pain",
        red_flag=True,
        level="soon",
        urgent=False,
        models="NICE NG65: back pain from before 45 with four or more of its features (onset "
        "before 35, night waking, buttock pain, better with movement): refer to rheumatology",
        fields=dict(
            age=29,
            pain_lower_back=True,
            pain_buttock=True,
            morning_stiffness_minutes=60,
            inflammatory_back_pain=True,
        ),
    ),
)
