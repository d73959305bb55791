"""A tiny Marian model built from scratch: real SentencePiece models, a real vocab.json, a
small MarianConfig and random weights, saved with save_pretrained and loaded back through the
same code path as the real opus-mt-ar-en."""

from __future__ import annotations

import io
import json
from pathlib import Path

from tests.conftest import SAMPLE_ARTICLE

ENGLISH = """US forces will leave Iraq by the end of the year.
President Joe Biden said American troops would end their combat mission in Iraq.
They will continue to train and advise the Iraqi army.
The announcement came after talks with the Iraqi prime minister at the White House.
There are currently 2,500 American soldiers in Iraq helping local forces.
The number of troops is likely to remain the same.
The political situation in Iraq has become more acceptable to rival ethnic groups.
Leave a reply. Your email address will not be published. Required fields are marked.
"""


def train_pieces(lines: list[str], vocab_size: int) -> bytes:
    """A unigram SentencePiece model of at most *vocab_size* pieces trained on *lines*."""
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    return model.getvalue()


def build_tiny_marian(
    folder: Path,
    *,
    max_positions: int = 64,
    seed: int = 0,
    vocab_size: int | None = None,
    source_pieces: int = 200,
    pieces: tuple[bytes, bytes] | None = None,
    **config: float,
) -> Path:
    """Build and save a tiny random Marian model in *folder*; return the folder.

    *vocab_size* pads the vocabulary with unused words up to that size (the benchmark uses
    it to give the output layer the real model's size); *source_pieces* is the size asked of
    the Arabic SentencePiece model, trained on the sample article; *pieces* gives trained
    (source, target) SentencePiece models instead; *config* overrides MarianConfig sizes.
    """
    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    if pieces is None:
        arabic = SAMPLE_ARTICLE.read_text(encoding="utf-8").splitlines()
        source = train_pieces([line for line in arabic if line], source_pieces)
        target = train_pieces(ENGLISH.splitlines(), 120)
    else:
        source, target = pieces
    (folder / "source.spm").write_bytes(source)
    (folder / "target.spm").write_bytes(target)
    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    for model_bytes in (source, target):
        processor = spm.SentencePieceProcessor(model_proto=model_bytes)
        for index in range(processor.get_piece_size()):
            vocab.setdefault(processor.id_to_piece(index), len(vocab))
    while vocab_size is not None and len(vocab) < vocab_size - 1:
        vocab.setdefault(f"▁filler{len(vocab)}", len(vocab))
    vocab["<pad>"] = len(vocab)
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")

    sizes: dict[str, float] = {
        "d_model": 16,
        "encoder_layers": 1,
        "decoder_layers": 1,
        "encoder_attention_heads": 2,
        "decoder_attention_heads": 2,
        "encoder_ffn_dim": 32,
        "decoder_ffn_dim": 32,
    }
    sizes.update(config)
    marian_config = MarianConfig(
        vocab_size=len(vocab),
        decoder_vocab_size=len(vocab),
        max_position_embeddings=max_positions,
        pad_token_id=vocab["<pad>"],
        eos_token_id=vocab["</s>"],
        decoder_start_token_id=vocab["<pad>"],
        forced_eos_token_id=vocab["</s>"],
        bad_words_ids=[[vocab["<pad>"]]],
        num_beams=4,
        max_length=512,
        **sizes,
    )
    torch.manual_seed(seed)
    model = MarianMTModel(marian_config)
    model.save_pretrained(str(folder))
    tokenizer = MarianTokenizer(
        str(folder / "source.spm"),
        str(folder / "target.spm"),
        str(folder / "vocab.json"),
        model_max_length=max_positions,
    )
    tokenizer.save_pretrained(str(folder))
    return folder


def convert_to_pickle(folder: Path) -> None:
    """Replace *folder*'s safetensors weights with a pickle checkpoint (pytorch_model.bin),
    as older hub models ship."""
    import torch
    from safetensors.torch import load_file

    weights = folder / "model.safetensors"
    torch.save(load_file(str(weights)), folder / "pytorch_model.bin")
    weights.unlink()
