"""Write the lesson notebooks' cells (sources only) from the text below.

The lessons are written here, as plain markdown and short code cells, so that
their structure is reviewable in one file and every notebook follows the same
pattern: generated header (objectives, time) and navigation, the set-up cell that
fails helpfully, one idea per section, a sentence after every figure saying what
to notice, a self-check, navigation again. Run ``make execute`` afterwards to
store the outputs from one clean run (``scripts/execute_notebooks.py``).

Cell tags used (documented in ``tests/README.md``):

* ``hipback-header``, ``hipback-nav``, ``hipback-lesson-map``: generated cells,
  rewritten from :data:`hipback.teaching.lessons.LESSONS` by ``make execute``.
* ``nbval-ignore-output``: widget and plotly cells; nbval runs them (they must
  not raise) but does not compare their output.

Usage::

    python scripts/build_notebooks.py          # all lessons
    python scripts/build_notebooks.py 03       # one lesson
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from hipback.teaching.lessons import (
    HEADER_TAG,
    LESSONS,
    MAP_TAG,
    NAV_TAG,
    generated_source,
)

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
IGNORE = ("nbval-ignore-output",)

SETUP = """\
try:
    from hipback.teaching import lessons
except ModuleNotFoundError as err:  # the kit is not installed for this kernel
    raise ModuleNotFoundError(
        "The hipback kit is not installed for this Python. In a terminal, in the project "
        "folder, run `make lab` (or `pip install -e .`), then reopen this lesson."
    ) from err
lessons.setup()"""


def md(text: str, tags: tuple[str, ...] = ()) -> nbformat.NotebookNode:
    cell = new_markdown_cell(text.strip("\n"))
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def code(src: str, tags: tuple[str, ...] = ()) -> nbformat.NotebookNode:
    cell = new_code_cell(src.strip("\n"))
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def generated(tag: str, number: int) -> nbformat.NotebookNode:
    return md(generated_source(tag, number), (tag,))


def opening(number: int) -> list[nbformat.NotebookNode]:
    return [generated(HEADER_TAG, number), generated(NAV_TAG, number), code(SETUP)]


def closing(number: int, intro: str = "") -> list[nbformat.NotebookNode]:
    text = "## Self-check\n\n" + (
        intro
        or "Choose an answer for each question, then open it to see whether it is right "
        "and why. Answering before you look is what makes this stick."
    )
    return [md(text), code(f"lessons.self_check({number})"), generated(NAV_TAG, number)]


# --- 00 start here ---------------------------------------------------------------------------


def lesson_00() -> list[nbformat.NotebookNode]:
    return [
        *opening(0)[:2],
        md("""
## What this kit is for

When someone has pain in the low back, the buttock or the leg, where is it coming
from: the **hip joint**, the **lumbar spine** (the five bones of the lower back and
the discs and joints between them), or **both**? The two are easy to confuse, and
treating the wrong one wastes months.

This kit teaches that question. It starts from a popular article on how hip
osteoarthritis can lead to back pain, turns the article's clues into a transparent
reasoning model, and checks every clue against published studies and clinical
guidelines. Where the article and the evidence disagree, the lessons say so.

The cell below loads the kit and shows the most important sentence in it.
"""),
        opening(0)[2],
        md("""
Every case in the kit is made up, and several of its numbers are the authors'
**teaching estimates** (no study has measured them). Use it to practise reasoning,
never to decide what happens to a real person.

## How to run a lesson

- A lesson is a list of **cells**. Text cells explain; code cells (grey boxes) ask
  the kit to show something.
- Click a code cell and press **Shift + Enter** to run it and move to the next one.
  To run a whole lesson: menu **Run ▸ Run All Cells**.
- You never need to change any code. Every task is a question you answer by reading
  what a cell shows.
- If something looks stuck or odd: menu **Kernel ▸ Restart Kernel and Run All Cells**.
- The line at the top and bottom of each lesson takes you to the previous lesson,
  this contents page, or the next lesson.

## Your first reasoning printout

The kit reads a **case**: one person's story and examination findings. Here is a
made-up person:
"""),
        code("""
from hipback import classify

case = lessons.teaching_case("hip_driven")
print(lessons.describe_case(case))
"""),
        md("""
The kit asks two separate questions about every case: *is the hip a source of this
pain?* and *is the lumbar spine a source?* Then it names the **primary pain
driver**.
"""),
        code("print(classify(case))"),
        md("""
How to read the printout above, line by line:

1. **Primary pain driver**: `hip`, `spine`, or `combined` (strong evidence for both
   at once, which is common).
2. **Hip** and **Spine**: each question starts from a *pre-test* probability (how
   likely before weighing this person's findings) and ends at a *post-test*
   probability (after weighing them). Lesson 02 shows the arithmetic.
3. **Findings**: each finding present adds **points** toward the hip (+) or the
   spine (−). The bracket names the study behind the number, or says *teaching
   estimate*. A finding marked *counted once* measures the same thing as a stronger
   one, so its points are not added twice.
4. **Notes**: where the published evidence qualifies what the article says.

If a case has a **red flag** (a sign of a possibly serious condition such as
cauda equina syndrome, a nerve compression at the base of the spine), the
printout starts with `URGENT` and the action required: red flags override
everything else.
"""),
        generated(MAP_TAG, 0),
        md("""
Lecturers: lesson 07 has a 90-minute session plan, the code-free app and the
printable handouts.
"""),
        *closing(0),
    ]


# --- 01 the hip meets the back -------------------------------------------------------------


def lesson_01() -> list[nbformat.NotebookNode]:
    return [
        *opening(1),
        md("""
## Hip osteoarthritis in brief

The hip is a **ball-and-socket joint**: the rounded head of the thigh bone (femur)
turns inside a cup in the pelvis. Both surfaces are covered with **cartilage**, a
smooth, slippery tissue that lets them glide.

In **osteoarthritis (OA)** that cartilage slowly thins and the bone underneath
reacts. The joint becomes stiff and painful, and it loses movement, rotation first.
People notice it in everyday tasks. The article lists, in its own words:

- stiffness, worst in the morning or after sitting;
- pain in the groin, the buttock or the thigh;
- clicking or catching in the joint;
- lost movement: trouble crossing the legs, putting on shoes, getting out of a car.

The kit records each of these as a finding. The table shows where in the article
each one comes from and, in lesson 02's terms, which source it points to.
"""),
        code("""
table = lessons.findings_table()
table[table["Article"].str.contains("Hip OA symptoms")][["Article", "Favours"]]
"""),
        md("""
Notice that nearly all of these point to the hip: they describe what a stiff joint
does to daily life. The exception is **long** morning stiffness, which is unusual in
osteoarthritis and hints at an inflammatory cause instead. The interesting question
is how a stiff hip can make the **back** hurt.

## Five ways a hip can make the back hurt

The article describes five mechanisms. A few words first:

- **Lumbar spine**: the lower back, five vertebrae with discs and small joints.
- **Pelvis**: the ring of bone that links the spine to both hips.
- **Compensation**: changing how you move to avoid pain, which moves the load
  somewhere else.
- **Lumbar plexus**: a network of nerves formed by the lower back's nerve roots;
  its branches supply the hip, the groin and the front of the thigh.
- **Referred pain**: pain felt in one place although its source is somewhere else,
  because both places send signals along shared nerve routes.

The table lists each mechanism in the kit's words and the findings in the case
record that it helps to explain.
"""),
        code("lessons.mechanism_table()"),
        md("""
### 1. Altered movement and compensation

A hip that will not rotate or extend makes the person walk and stand differently:
shorter steps, weight shifted to the other side, the pelvis turning to make up for
the stiff joint. The low back and pelvic muscles take on work they were not built
for, and over months they become tight and sore. The limp and the lost hip rotation
are the visible signs.
"""),
        code('print(lessons.mechanism_example("compensation"))'),
        code(
            """
from hipback import plots

plots.reasoning_chart(lessons.MECHANISM_CASES["compensation"])
""",
            IGNORE,
        ),
        md("""
What to notice: the bars for lost rotation, the limp and groin pain point to the
hip, while the back pain points only a little to the spine. The back hurts, but the
evidence says the hip drives it.

### 2. Pelvic imbalance

The pelvis sits between the spine and the hips like a base under a column. If one
hip stiffens (often held slightly bent), the pelvis tilts or twists, and the lumbar
spine above it has to curve to keep the trunk upright. The small joints and discs
of the low back are then loaded unevenly.
"""),
        code('print(lessons.mechanism_example("pelvic_imbalance"))'),
        code('plots.body_map(lessons.MECHANISM_CASES["pelvic_imbalance"])', IGNORE),
        md("""
What to notice: one stiff hip, three painful regions (groin, buttock, low back).
Where it hurts shows what is being loaded, not always what is wrong.

### 3. Shared nerve pathways

The hip and the lower back are supplied by nerves from the same source, the lumbar
plexus. An irritated, inflamed hip can send pain along those routes, into the
buttock, the thigh, and sometimes below the knee, so it can look like **sciatica**
(pain from an irritated nerve root in the spine). True nerve-root signs, such as
numbness in a nerve's skin area or a positive straight-leg raise, still point to the
spine.
"""),
        code('print(lessons.mechanism_example("shared_nerves"))'),
        code(
            'plots.body_map(lessons.MECHANISM_CASES["shared_nerves"], show_referral=True)',
            IGNORE,
        ),
        md("""
What to notice: the printed referral figures (from a published series of people
whose pain came from the hip joint) reach the front of the thigh and, in a
minority, below the knee. Leg pain on its own does not mean the spine.

### 4. Weak core and glutes

Pain makes people move less. The **gluteal muscles** (buttock muscles) and the
**core** (the deep trunk muscles) lose strength, and these are the muscles that
hold the pelvis level and the spine steady. With weaker support the back works
harder for the same posture and tires sooner.
"""),
        code('print(lessons.mechanism_example("weak_core_glutes"))'),
        code('plots.reasoning_chart(lessons.MECHANISM_CASES["weak_core_glutes"])', IGNORE),
        md("""
What to notice: no bar measures weakness itself. The case record has no strength
test, so the kit sees weakness only through what it causes (a limp, trouble with
stairs and chairs). Strength is something to assess and treat (lesson 04), not a
clue the kit scores.

### 5. Inflammation and referred pain

An inflamed joint sends pain signals that the brain cannot always place precisely.
Because hip and back signals travel through connected pathways, the pain may be
felt in the back or thigh while its source is the hip.
"""),
        code('print(lessons.mechanism_example("referred_pain"))'),
        code('plots.fagan_nomogram(lessons.MECHANISM_CASES["referred_pain"], "hip")', IGNORE),
        md("""
What to notice: although this person came with back pain, the line for the hip
question climbs from its starting point to a high post-test probability: the
source is the hip, the pain is felt further up.

## What the article leaves out

The two problems often exist **together**. Among people waiting for a hip
replacement, back pain is very common:
"""),
        code('print(lessons.finding_note("pain_lower_back", "hip"))'),
        md("""
That is why the kit has a third answer, `combined`, for cases with strong evidence
of both a hip and a spine source. Offierski and MacNab called this the *complex*
hip–spine syndrome: both need assessment and treatment. Lesson 02 shows how the
kit weighs the clues.
"""),
        *closing(1),
    ]


# --- 02 telling them apart -------------------------------------------------------------------


def lesson_02() -> list[nbformat.NotebookNode]:
    return [
        *opening(2),
        md("""
## From a comparison table to evidence

The article has a table of clues: pain location, what makes it worse, the effect of
sitting, and range of movement, in a hip column and a spine column. A table like that
says *where* a clue is more typical. It does not say *how much* the clue should
change your mind. For that, clinicians use the **likelihood ratio**.

A **likelihood ratio (LR)** compares how often a finding occurs in people who have
a condition with how often it occurs in people who do not:

- LR above 1: the finding makes the condition more likely (the bigger, the more).
- LR of 1: the finding tells you nothing.
- LR below 1: the finding makes the condition less likely.

Because LRs multiply, the kit also shows them as **points**: ten times the base-10
logarithm of the LR. An LR of 2 is about +3 points, an LR of 10 is +10 points, and
an LR of 1 is 0. Points add up, which is easier to follow than multiplying.

Here is every finding the kit uses, with its LR for each question (*is the hip a
source?*, *is the spine a source?*), its points, and where the number comes from.
"""),
        code("""
lessons.findings_table()[["Favours", "LR hip", "LR spine", "Points hip", "Points spine",
                          "Basis hip", "Basis spine", "Source"]]
"""),
        md("""
What to notice in the table:

- The **basis** columns say how solid each number is: *published* (the figure is in
  the paper), *derived* (calculated from a published sensitivity and specificity),
  *teaching estimate* (no study has measured it; the kit's authors chose a modest
  value), or *neutral* (evidence that the finding does not separate hip from spine).
- Many LRs are modest. No single clue in the article's table settles the question.
- Several figures compare hip OA with *other hip problems*, not with the spine. The
  `Article` column of the table and the notes in `hipback.FINDINGS` say which.

## Pre-test and post-test probability

Before you weigh a person's findings you already have a rough idea how likely each
source is, from who tends to present this way. That starting point is the
**pre-test probability**. After the findings it becomes the **post-test
probability**. The kit's starting points:
"""),
        code("lessons.pretest_table()"),
        md("""
The arithmetic has three steps: turn the probability into **odds** (probability
divided by one minus the probability), multiply the odds by the LR, turn the odds
back into a probability. For groin pain alone:
"""),
        code("""
from hipback import PRETEST, post_test_probability
from hipback.knowledge.findings import FINDING_BY_NAME

pre, groin = PRETEST["hip"], FINDING_BY_NAME["pain_groin"].hip
post = post_test_probability(pre.probability, groin.lr)
print(f"Hip source: pre-test {pre.probability:.0%} ({pre.citation}), groin pain "
      f"LR {groin.lr:.2f} ({groin.citation}) -> post-test {post:.0%}")
"""),
        md("""
A **Fagan nomogram** does the same thing with a ruler: pre-test probability on the
left, LR in the middle, and a straight line through both lands on the post-test
probability on the right.
"""),
        code(
            """
from hipback import plots

case = lessons.teaching_case("hip_driven")
plots.fagan_nomogram(case, "hip")
""",
            IGNORE,
        ),
        md("""
What to notice: with all of this person's findings combined, the line rises steeply
from the starting point on the left to the post-test probability on the right; the
steeper the line, the more the findings changed the picture.

## Several findings together

The kit adds the points of every finding present, once per **construct** (a thing
being measured: walking, stairs and getting up from a chair are all *pain on
weight-bearing*, so only the strongest of them counts). The chart shows each
finding's net points for the same person.
"""),
        code("plots.reasoning_chart(case)", IGNORE),
        md("""
What to notice: bars to the right push toward the hip and bars to the left toward
the spine; a finding counted once because it overlaps a stronger one has no bar.
The same numbers, as text:
"""),
        code("""
from hipback import classify

print(classify(case))
"""),
        md("""
## Where the evidence qualifies the article

The article's table is a good start, but published studies qualify it in four
important places.

**1. Sitting eases spinal stenosis too.** The article puts relief on sitting in
the hip column. In **lumbar spinal stenosis** (narrowing of the spinal canal, common
after 60) sitting and bending forward reliably ease the leg pain, so relief on
sitting cannot tell the two apart:
"""),
        code('print(FINDING_BY_NAME["sitting_eases"].caveat)'),
        md("""
**2. Hip pain can go below the knee.** Many clinicians believe it never does; in
people awaiting hip replacement about half had pain below the knee:
"""),
        code('print(lessons.finding_note("pain_below_knee", "hip"))'),
        md("""
**3. Hip findings are common in people with back pain.** Reduced hip rotation is
found in most people who present with low back pain, so on its own it does not
argue against the spine:
"""),
        code('print(lessons.finding_note("hip_rotation_limited", "spine"))'),
        md("""
**4. X-ray changes and pain often disagree.** Many people with OA on an X-ray
have no hip pain, and many with hip pain have a normal X-ray. An X-ray therefore
cannot prove that the hip is the *source* of someone's pain (this is also why the
kit treats its hip pre-test probability, which counts OA on X-ray, as an anchor
rather than a fact):
"""),
        code('print(lessons.item_evidence("routine_imaging_to_confirm"))'),
        md("""
The kit keeps every such caveat with the finding it belongs to. The full list:
"""),
        code("lessons.evidence_qualifiers()"),
        *closing(2),
    ]


# --- 03 case explorer -------------------------------------------------------------------------


def lesson_03() -> list[nbformat.NotebookNode]:
    return [
        *opening(3),
        md("""
## The case

In this lesson you change a case and watch the reasoning move. Start with this
person, whose story could go either way:
"""),
        code("""
from hipback import classify

case = lessons.teaching_case("borderline")
print(lessons.describe_case(case))
print()
print(classify(case))
"""),
        md("""
## The explorer

The explorer below shows the same case with a tick box or a menu for every
finding. Change one and the probabilities, the chart and the printout update at
once. Everything is reachable from the keyboard: **Tab** moves between controls,
**Space** ticks a box.

Work through the four tasks under the explorer. For each one, **write down your
prediction first**, then check it.
"""),
        code("from hipback import widgets\n\nwidgets.case_explorer(case)", IGNORE),
        md("""
## Task 1: predict, then check

Tick **Numbness or tingling in the leg**. Will the hip probability rise, fall or
stay the same? And the spine probability? Check in the explorer, or here:
"""),
        code("print(lessons.compare_cases(case, case.replace(numbness_tingling=True)))"),
        md("""
Numbness in a nerve's skin area is a nerve-root sign: it raises the spine question
and is neutral for the hip, so only one of the two numbers moves.

## Task 2: make this case spine-driven by changing two findings

Find two changes that turn the label into `spine`. Try at least two pairs in the
explorer. Which pair works, and is that pair clinically plausible? The self-check at
the end lists three candidate pairs and what each one does.

## Task 3: one finding, counted once

The case has **Worse when walking**. Tick **Worse on stairs** as well. Why does the
hip probability move less than you might expect?
"""),
        code("print(lessons.compare_cases(case, case.replace(worse_stairs=True)))"),
        md("""
Walking and stairs both measure pain on weight-bearing, so the kit counts only the
stronger of the two. Adding a second clue of the same kind adds only the difference.

## Task 4: a red flag

Take the clearly hip-driven case from lesson 00 and add **numbness in the saddle
area** (the skin you would sit on a saddle with). What happens to the label and the
probabilities, and what does the kit ask you to do?
"""),
        code("""
hip_case = lessons.teaching_case("hip_driven")
print(classify(hip_case.replace(saddle_anaesthesia=True)))
"""),
        md("""
The probabilities are unchanged: red flags are screened **separately** and override
the reasoning. Saddle numbness can mean **cauda equina syndrome** (compression of the
bundle of nerve roots at the bottom of the spinal canal), an emergency.
"""),
        *closing(3),
    ]


# --- 04 management -------------------------------------------------------------------------------


def lesson_04() -> list[nbformat.NotebookNode]:
    return [
        *opening(4),
        md("""
## The six pillars

The article proposes six pillars of management for back pain that comes from a
hip with osteoarthritis:

1. restore hip mobility;
2. strengthen the core and the glutes;
3. improve posture and walking mechanics;
4. manage inflammation;
5. manage weight;
6. regenerative or targeted treatments, up to hip replacement.

Clinical guidelines weigh each of these. This lesson uses **NICE NG226**
(osteoarthritis, England, 2022), **ACR/AF 2019** (American College of
Rheumatology and Arthritis Foundation), **OARSI 2019** (Osteoarthritis Research
Society International) and, for low back pain, **NICE NG59**.

How to read a guideline position: a **strong** recommendation *for* means nearly
everyone should be offered it, a strong one *against* means nobody should;
**conditional** means it depends on the person. NICE signals strength by its verbs:
"offer" and "do not offer" are strong, "consider" is conditional.

The table lists every item the kit knows under the six pillars, the status it
derives from the guidelines, and each guideline's stance.
"""),
        code("lessons.management_table()"),
        md("""
What to notice: the exercise items (mobility, strength, walking) are supported by
every guideline, while most of the *inflammation* and *regenerative* items are not.

## Where the article goes further than the guidelines

The article is right about the core: exercise, strength and weight. It goes beyond
the guidelines in several places. The kit keeps each of these statements with the
item it belongs to:
"""),
        code("print(lessons.article_divergences())"),
        md("""
In short: PRP and stem-cell injections are recommended **against** by ACR 2019;
turmeric, omega-3 supplements and drinking more water are **not** osteoarthritis
treatments; and routine X-ray or MRI to "confirm" the diagnosis goes against NICE,
which diagnoses typical hip OA clinically (NG226) and advises against routine
imaging for back pain (NG59).

## A plan for a hip-driven case

The kit builds a plan from the case and its reasoning. Red flags come first; then
the label picks the blocks (the article's pillars for the hip, NICE NG59 essentials
for the spine, both for combined), and the case's own findings tailor each item.
Every item says *why* it is there:
"""),
        code("""
from hipback import classify, compare_plan, recommend

hip_case = lessons.teaching_case("hip_driven")
hip_plan = recommend(hip_case, classify(hip_case))
print(hip_plan)
"""),
        md("""
## How a plan is marked

A student picked five items for this person: hip mobility, glute and core work,
a PRP injection, turmeric and an X-ray to confirm the diagnosis. The kit sorts each
choice (and each item the student left out) and says why:
"""),
        code("""
student = ["hip_mobility_exercises", "glute_core_strengthening", "prp_injection",
           "turmeric", "routine_imaging_to_confirm"]
print(compare_plan(student, hip_plan))
"""),
        md("""
## Build your own plan

Now it is your turn. Tick the items you would include for the same person, then
press **Check my plan**. Try to reach a plan with nothing *against guidance*
and nothing important *missed*.
"""),
        code("from hipback import widgets\n\nwidgets.plan_builder(hip_case)", IGNORE),
        md("""
## A second case: spine-driven

When the spine drives the pain, the plan follows the low back pain guideline
(NICE NG59). Compare it with the hip plan above: which items appear in both, and
which disappear?
"""),
        code("""
spine_case = lessons.teaching_case("spine_driven")
print(recommend(spine_case, classify(spine_case)))
"""),
        md("Build a plan for this person too:"),
        code("widgets.plan_builder(spine_case)", IGNORE),
        *closing(4),
    ]


# --- 05 case quiz ---------------------------------------------------------------------------------


def lesson_05() -> list[nbformat.NotebookNode]:
    return [
        *opening(5),
        md("""
## How the quiz works

Each question is a short story of a made-up person, the kind of summary you would
write after a first appointment. For each one:

1. decide whether the pain is driven by the **hip**, the **spine**, or **both**
   (combined);
2. tick any **red flags** in the story (signs of a possibly serious condition that
   needs urgent referral);
3. pick the plan items you would start with.

Then press **Submit answer**: the quiz shows the answer, the kit's reasoning chart,
what you missed, and your running score. **Next case** moves on. *Easy* stories
have clear clues; *hard* ones mix clues from both sides and include findings that
do not discriminate.

## A worked example

Read this story and decide **before** you run the next cell: hip, spine or both?
"""),
        code("""
from hipback import classify, generate_cases, vignette
from hipback.case import cases_from_frame

stories = generate_cases(n=3, seed=5, difficulty="easy")
print(vignette(stories.iloc[0]))
"""),
        md("""
The generator knows the true driver, because it made the person up. The kit only
sees the findings, like you:
"""),
        code("""
print("The generator made this person:", stories["true_label"].iloc[0])
print(classify(cases_from_frame(stories.iloc[[0]])[0]))
"""),
        md("""
Did you, the generator and the kit agree? The kit is a model, not the truth: when it
disagrees with the generator, look for the findings that pulled it the wrong way
in the list of points. Lesson 06 measures how often that happens.

## The quiz

Use **Tab** to move between the answers and **Space** or **Enter** to choose. Your
score is kept while the lesson is open.
"""),
        code(
            'from hipback import widgets\n\nwidgets.quiz(seed=5, difficulty="easy", n=5)',
            IGNORE,
        ),
        md("""
When you have finished the easy set, try five hard ones. Watch for findings that
fit both sources, such as buttock pain, and for red flags tucked into the middle of
a story.
"""),
        code('widgets.quiz(seed=6, difficulty="hard", n=5)', IGNORE),
        *closing(5),
    ]


# --- 06 cohort lab ------------------------------------------------------------------------------


def lesson_06() -> list[nbformat.NotebookNode]:
    return [
        *opening(6),
        md("""
## A synthetic cohort

A **cohort** is a group of people studied together. The kit can generate a
synthetic one: made-up people whose true pain driver is known because the generator
chose it. The generator has its **own** settings (how common each driver is, ages
and weights, how often each finding appears with each driver, taken from published
series where they exist, and how findings rise together with severity, plus
noise), so the reasoning model is not marked on data built from its own
assumptions.

Here are two thousand people and their true drivers:
"""),
        code("""
from hipback import classify_frame, generate_cases

cohort = generate_cases(n=2000, seed=11)
print(cohort["true_label"].value_counts().to_string())
"""),
        md("""
## How often is the model right?

**Accuracy** is the share of people for whom the model names the true driver. A
**confusion table** shows where it goes wrong: rows are the truth, columns the
model's answer. **Recall** (sensitivity) is the share of each true group the model
finds; **precision** is the share of the model's answers of each kind that are
right. The report also shows, for each question, how the model's probabilities
compare with what happened (the calibration table, explained below).
"""),
        code("""
from hipback.cohort.evaluation import evaluate, format_report

report = evaluate(cohort)
print(format_report(report))
"""),
        md("""
The same confusion table as a chart. What to notice: the diagonal holds the right
answers; the largest off-diagonal cells show which mistake the model makes most.
"""),
        code(
            """
from hipback import plots

scored = cohort.join(classify_frame(cohort))
plots.confusion_matrix_figure(scored)
""",
            IGNORE,
        ),
        md("""
## Does it mean what it says?

A model is **calibrated** when its probabilities mean what they say: of all the
people it gives eight chances in ten, about eight in ten should truly have that
source. The chart puts the model's stated probability on the horizontal axis and
how often that source was truly there on the vertical axis.
"""),
        code("plots.calibration_figure(scored)", IGNORE),
        md("""
What to notice: points **below** the diagonal mean the model claimed more than
happened (over-confident); points **above** mean it claimed less (under-confident).
In words:
"""),
        code("print(lessons.calibration_verdict(report))"),
        md("""
## Why: findings travel together

The model adds the points of its findings as if each were **independent** new
evidence. Real findings are not independent: a worse hip tends to bring groin pain,
a limp and stiffness **together**. Then the second finding adds less than its own
LR suggests, and adding both overstates the evidence: the model becomes
over-confident.

The cohort lets us measure it. For each pair below, compare the LR *multiplied*
(what the model assumes) with the LR *measured together* (what the cohort shows):
"""),
        code("""
for first, second in [("pain_groin", "limp"),
                      ("difficulty_shoes_socks", "difficulty_car_transfer")]:
    print(lessons.joint_vs_product(cohort, first, second, "hip"))
"""),
        md("""
The second pair measures one thing twice (both need a hip that bends and turns),
which is why the kit puts them in one **construct** and counts only the stronger
(lesson 02). The first pair comes from different constructs, so the kit still
multiplies them: that is the over-confidence that remains.

There is a second force pulling the other way. Many of the kit's LRs are modest
**teaching estimates**; where the cohort's LR is larger, the model
**under**-claims. The table compares the kit's LR (catalogue) with the LR the
cohort shows for each finding:
"""),
        code("""
from hipback.cohort.evaluation import empirical_lrs

empirical_lrs(cohort).set_index("label").drop(columns="finding").round(2)
"""),
        md("""
Which force wins can differ from one question to the other: the verdict above
says which way each question leans. The lesson for practice: a probability from a
points model is only as good as its LRs **and** its independence assumption, so read
a very high or very low number with care.
"""),
        *closing(6),
    ]


# --- 07 lecturer guide ------------------------------------------------------------------------


def lesson_07() -> list[nbformat.NotebookNode]:
    return [
        *opening(7),
        md("""
## Before the session

- **The day before**: run `make test` once on the teaching machine. It checks the
  kit and re-runs every lesson against its stored outputs, so you know what students
  will see. (The lessons already hold their outputs; `make execute` is only needed
  after someone changes the kit.)
- **Print the question handout**, one per student: open
  `notebooks/handouts/session_questions.html` in a browser and print it (it leaves
  space to write under each question). Keep the answer key
  `notebooks/handouts/session_answer_key.html` for yourself; it also holds the session
  plan. Both also exist as markdown (`.md`) if you want to edit a copy.
- **Print case cards** with a separate answer key from a terminal in the project
  folder: `hipback handout --n 8 --seed 7 -o session.html` writes `session.html`
  (one case card per printed page) and `session-answers.html` (the key). Open them in
  a browser and print. The same seed always gives the same cards, so you can prepare
  the key in advance.
- **Start the code-free app** ten minutes before: `make app`. It serves, on this
  computer only, a landing page that links the case explorer and the quiz as web
  pages with no code visible (Voilà). Open the address it prints on the projector.
  Each page starts its own Python, so the first load takes several seconds. Stop it
  with Ctrl+C.

The disclaimer below appears in every lesson and in the app. Say it out loud once.
"""),
        code("lessons.disclaimer()"),
        md("""
## A 90-minute session plan

"""),
        code("lessons.session_plan()"),
        md("""
Keep lesson 06 (cohort lab) for a follow-up or for students who finish early: it
suits a statistics-minded group.

## Which cells to show, lesson by lesson

- **00**: the first printout only; walk through its four parts.
- **01**: the mechanism table, then the body map. Ask the room which mechanism they
  would test first.
- **02**: the findings table (point at the *basis* columns), the groin-pain
  arithmetic, the nomogram, then the four places where evidence qualifies the
  article. Pause on sitting relief and stenosis.
- **03**: the explorer in the app; students follow the handout tasks.
- **04**: the management table and the article-versus-guidelines list; then the plan
  builder on the hip-driven case.
- **05**: the quiz page of the app.

## Prompts for discussion

The prompts and the self-check questions of every lesson are collected in the
question handout, so students using the app never need instructions inside a
notebook. The same prompts, for your notes:
"""),
        code("print(lessons.handout_markdown())"),
        md("""
## If something goes wrong

- A lesson shows no output or an error: **Kernel ▸ Restart Kernel and Run All
  Cells**.
- The app page stays blank: wait ten seconds (a fresh Python starts per page), then
  reload. Check the terminal running `make app` for the link.
- Numbers differ from the handout: someone changed the knowledge modules; run
  `make test`, which compares every lesson with its stored outputs.
"""),
        *closing(7, "One question for you as the lecturer."),
    ]


BUILDERS = {
    0: lesson_00,
    1: lesson_01,
    2: lesson_02,
    3: lesson_03,
    4: lesson_04,
    5: lesson_05,
    6: lesson_06,
    7: lesson_07,
}


def build(number: int) -> Path:
    nb = new_notebook(cells=BUILDERS[number]())
    for k, cell in enumerate(nb.cells):
        cell.id = f"l{number:02d}-{k:02d}"  # stable ids: rebuilding gives no id churn
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    path = NOTEBOOKS / LESSONS[number].file
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return path


def main(argv: list[str]) -> int:
    numbers = [int(a) for a in argv] or sorted(BUILDERS)
    NOTEBOOKS.mkdir(exist_ok=True)
    for n in numbers:
        print(f"wrote {build(n).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
