#!/usr/bin/env python3
"""Numeric parity of tdabench's DiT-EDM with the reference PyTorch implementation.

A maintainer tool: not part of CI and never used by tdabench at run time. It loads weights written
by `tdabench export-weights` into the reference model of a checkout of sony/mucs
(models/dit_edm.py, lib/nn.py), strictly by state-dict name, runs the probe inputs that
`export-weights --probe N` wrote beside them through it, and compares the reference's denoiser
outputs D(x + sigma eps; sigma) and per-sample EDM losses with tdabench's.

    tdabench export-weights --preset small --weights dense-random --probe 16 --out /tmp/m.safetensors
    python3 tools/parity/dit_edm_parity.py --mucs /path/to/mucs --weights /tmp/m.safetensors

Needs torch and numpy (Debian: python3-torch python3-numpy). Where einops, lightning or torch's
scaled_dot_product_attention (torch >= 2.0) are missing, small stand-ins are installed before the
reference is imported: einops' rearrange/repeat for the patterns the model uses, the two lightning
names utils/pytorch_utils imports (unused by the model), and softmax(q k^T / sqrt(d)) v for
attention without dropout (the model runs in eval mode). The reference's own code is never copied.

Exit status: 0 when every relative difference is within --tolerance, 1 otherwise, 2 on bad input.
The last line is machine-readable key=value pairs.
"""

import argparse
import json
import math
import struct
import sys
import types
from pathlib import Path

import numpy as np
import torch


def read_safetensors(path):
    """Tensors (float32 numpy arrays) and metadata of a safetensors file, with no extra package."""
    raw = Path(path).read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    meta = header.pop("__metadata__", {})
    base = 8 + n
    out = {}
    for name, h in header.items():
        if h["dtype"] != "F32":
            raise SystemExit(f"{path}: tensor {name} is {h['dtype']}, expected F32")
        b, e = h["data_offsets"]
        out[name] = np.frombuffer(raw[base + b:base + e], dtype="<f4").reshape(h["shape"]).copy()
    return out, meta


def install_stand_ins():
    """Stand-ins for what a Debian torch 1.13 lacks; real packages are used where importable."""
    try:
        import einops  # noqa: F401
    except ImportError:
        def rearrange(x, pattern, **sizes):
            p = " ".join(pattern.split())
            if p == "b c gh gw -> b (gh gw) c":
                return x.flatten(2).transpose(1, 2)
            if p == "b (gh gw) c -> b c gh gw":
                return x.transpose(1, 2).reshape(x.shape[0], x.shape[2], sizes["gh"], sizes["gw"])
            if p == "b c -> b 1 c":
                return x.unsqueeze(1)
            raise NotImplementedError("einops stand-in: " + pattern)

        def repeat(x, pattern, **sizes):
            p = " ".join(pattern.split())
            if p == "l c -> b l c":
                return x.unsqueeze(0).expand(sizes["b"], -1, -1)
            if p == "d -> b d":
                return x.unsqueeze(0).expand(sizes["b"], -1)
            raise NotImplementedError("einops stand-in: " + pattern)

        sys.modules["einops"] = types.SimpleNamespace(rearrange=rearrange, repeat=repeat)
    try:
        import lightning.fabric  # noqa: F401
    except ImportError:
        fabric = types.ModuleType("lightning.fabric")
        utilities = types.ModuleType("lightning.fabric.utilities")
        loggers = types.ModuleType("lightning.fabric.loggers")
        utilities.AttributeDict = dict
        loggers.TensorBoardLogger = object
        sys.modules["lightning"] = types.ModuleType("lightning")
        sys.modules["lightning.fabric"] = fabric
        sys.modules["lightning.fabric.utilities"] = utilities
        sys.modules["lightning.fabric.loggers"] = loggers
    if not hasattr(torch.nn.functional, "scaled_dot_product_attention"):
        def sdpa(q, k, v, dropout_p=0.0, **_):
            if dropout_p != 0.0:
                raise NotImplementedError("attention dropout: run the model in eval mode")
            w = torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1]), dim=-1)
            return w @ v

        torch.nn.functional.scaled_dot_product_attention = sdpa


def reference_model(mucs, arch, edm):
    """The reference DiT-EDM built from the exported architecture, as its configs describe it."""
    sys.path.insert(0, str(Path(mucs).resolve()))
    install_stand_ins()
    from lib import nn as ref_nn
    from models import dit_edm  # the reference module, from the checkout

    ns = types.SimpleNamespace
    conf = ns(
        arch=ns(
            unconditional=arch["unconditional"],
            frontend=ns(channels=arch["frontend_channels"], resample=arch["frontend_resample"],
                        kern=arch["frontend_kern"], last_factor=arch["frontend_last_factor"]),
            dit=ns(patch_size=arch["patch_size"], extra_tokens=arch["extra_tokens"],
                   num_blocks=arch["num_blocks"], num_channels=arch["num_channels"],
                   num_heads=arch["num_heads"], mlp_ratio=arch["mlp_ratio"], p_drop=arch["p_drop"],
                   num_channels_cond=arch["num_channels_cond"])),
        loss=ns(p_drop_cond=edm["p_drop_cond"], sigma_P=[edm["p_mean"], edm["p_std"]],
                sigma_data=edm["sigma_data"]),
        sampler=None)
    metadata = {"image_size": arch["image_size"], "label_dim": arch["label_dim"]}
    model = dit_edm.Model(conf, metadata)
    if arch["num_fourier_feats"] != 256:
        # The reference configs keep SigmaEmbedder's default of 256 features; smaller presets set
        # the same class's num_fourier_feats argument.
        model.s_embedder = ref_nn.SigmaEmbedder(arch["num_channels_cond"], num_fourier_feats=arch["num_fourier_feats"])
    return model


def per_sample_rel(a, b, keep=None):
    """max over samples (those in keep, if given) of max|a - b| / max|b| within the sample."""
    a = a.reshape(len(a), -1)
    b = b.reshape(len(b), -1)
    if keep is not None:
        a, b = a[keep], b[keep]
    scale = np.maximum(np.abs(b).max(axis=1), 1e-30)
    return float((np.abs(a - b).max(axis=1) / scale).max())


def run(model, probe, sigma_data, dtype):
    x = torch.from_numpy(probe["x"]).to(dtype)
    eps = torch.from_numpy(probe["eps"]).to(dtype)
    sigma = torch.from_numpy(probe["sigma"]).to(dtype)
    y = torch.from_numpy(probe["y"]).to(dtype) if "y" in probe else None
    model = model.to(dtype)
    with torch.no_grad():
        s = sigma.view(-1, 1, 1, 1)
        xn = x + s * eps
        d = model(xn, sigma, y=y)
        weight = (s ** 2 + sigma_data ** 2) / (s * sigma_data) ** 2
        loss = (weight * (d - x) ** 2).mean(dim=(1, 2, 3))
        c_skip = sigma_data ** 2 / (s ** 2 + sigma_data ** 2)
        c_out = s * sigma_data / (s ** 2 + sigma_data ** 2).sqrt()
        f = (d - c_skip * xn) / c_out
    return d.double().numpy(), loss.double().numpy(), f.double().numpy()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mucs", required=True, help="a checkout of sony/mucs (its models/ and lib/ are imported)")
    ap.add_argument("--weights", required=True, help="a .safetensors file from tdabench export-weights")
    ap.add_argument("--probe", help="the probe file (default: <weights stem>.probe.safetensors)")
    ap.add_argument("--tolerance", type=float, default=1e-5, help="largest accepted relative difference")
    ap.add_argument("--threads", type=int, default=1, help="torch intra-op threads")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)

    weights, meta = read_safetensors(args.weights)
    probe_path = args.probe or str(args.weights)[:-len(".safetensors")] + ".probe.safetensors"
    probe, _ = read_safetensors(probe_path)
    arch = json.loads(meta["tdabench.arch"])
    edm = json.loads(meta["tdabench.edm"])

    model = reference_model(args.mucs, arch, edm)
    ref_state = model.state_dict()
    missing = sorted(set(ref_state) - set(weights))
    extra = sorted(set(weights) - set(ref_state))
    shapes = [k for k in ref_state if k in weights and tuple(ref_state[k].shape) != weights[k].shape]
    if missing or extra or shapes:
        print(f"state dict mismatch: missing {missing}, unexpected {extra}, shapes differ {shapes}")
        print("parity=fail reason=state_dict")
        return 1
    buffers = {k: float(np.abs(ref_state[k].double().numpy() - weights[k]).max())
               for k in ("pos_enc.emb", "s_embedder.freq")}
    model.load_state_dict({k: torch.from_numpy(v) for k, v in weights.items()}, strict=True)
    model.eval()
    params = sum(p.numel() for p in model.parameters())

    d32, l32, f32 = run(model, probe, edm["sigma_data"], torch.float32)
    d64, l64, f64 = run(model, probe, edm["sigma_data"], torch.float64)
    ours_d = probe["denoised"].astype(np.float64)
    ours_l = probe["loss"].astype(np.float64)
    s = probe["sigma"].astype(np.float64).reshape(-1, 1, 1, 1)
    xn = probe["x"].astype(np.float64) + s * probe["eps"].astype(np.float64)
    sd = edm["sigma_data"]
    ours_f = (ours_d - sd ** 2 / (s ** 2 + sd ** 2) * xn) / (s * sd / np.sqrt(s ** 2 + sd ** 2))

    # F = (D - c_skip x) / c_out is derived from D on both sides; at small sigma the division by
    # c_out amplifies D's float32 rounding, so it is compared where sigma >= sigma_data / 10.
    keep = probe["sigma"] >= sd / 10
    rows = {
        "denoised_rel": per_sample_rel(ours_d, d32),
        "loss_rel": float((np.abs(ours_l - l32) / np.abs(l32)).max()),
        "network_output_rel": per_sample_rel(ours_f, f32, keep),
        "ref32_vs_ref64_denoised_rel": per_sample_rel(d32, d64),
        "ref32_vs_ref64_loss_rel": float((np.abs(l32 - l64) / np.abs(l64)).max()),
        "ours_vs_ref64_denoised_rel": per_sample_rel(ours_d, d64),
        "ours_vs_ref64_loss_rel": float((np.abs(ours_l - l64) / np.abs(l64)).max()),
    }
    print(f"weights: {args.weights} ({meta.get('tdabench.preset')}, {meta.get('tdabench.weights')}), "
          f"{params} parameters; probe: {len(ours_l)} images, sigma {probe['sigma'].min():.4g}..{probe['sigma'].max():.4g}")
    print(f"torch {torch.__version__}; buffers max |ours - reference|: "
          + ", ".join(f"{k} {v:.3g}" for k, v in buffers.items()))
    for k, v in rows.items():
        print(f"  {k:32s} {v:.3e}")
    ok = rows["denoised_rel"] <= args.tolerance and rows["loss_rel"] <= args.tolerance
    print(" ".join([f"parity={'pass' if ok else 'fail'}", f"tolerance={args.tolerance:g}",
                    f"parameters={params}", f"images={len(ours_l)}"]
                   + [f"{k}={v:.3e}" for k, v in rows.items()]))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
