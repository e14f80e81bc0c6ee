#!/usr/bin/env python3
"""Makes the PyTorch fixtures that TorchFixtureTests.cs matches the built-in torch-* cells against.

For torch.nn.RNN (tanh), torch.nn.LSTM and torch.nn.GRU, one layer in float64 at N = 5, I = 3 with
a fixed seed, it writes
  CELL.safetensors  the module's state_dict(), as safetensors.torch.save_file writes it (tensors
                    stored in name order, no metadata), so that loading it is loading a user's file;
  CELL.json         an initial state s0 ([h0; c0] for the LSTM), the inputs x_1..x_T, torch's own
                    states s_1..s_T, and the Jacobian ds_1/ds_0 at (s0, x_1) from
                    torch.autograd.functional.jacobian (row i, column j: d s_1[i] / d s_0[j]).
Needs only torch (Debian's python3-torch); the safetensors format is written here in a few lines.
Run it from anywhere: /usr/bin/python3 tests/Verified.Runtime.Tests/Cells/Torch/make_fixtures.py
"""
import json
import pathlib
import struct

import torch

N, I, STEPS, SEED = 5, 3, 4, 14
HERE = pathlib.Path(__file__).resolve().parent


def save_safetensors(path, tensors):
    """The safetensors layout: 8-byte little-endian header length, a JSON header, raw little-endian row-major data."""
    header, blobs, offset = {}, [], 0
    for name in sorted(tensors):  # safetensors orders tensors of one dtype by name
        values = tensors[name].detach().contiguous().reshape(-1).tolist()
        blob = struct.pack("<%dd" % len(values), *values)
        header[name] = {"dtype": "F64", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)  # padded to 8 bytes with spaces, as the reference writer does
    path.write_bytes(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def make(cell, module, stacked_state):
    """Steps the module one time step at a time from s0 and records what it computes."""
    generator = torch.Generator().manual_seed(SEED + 1)
    s0 = torch.randn(len(stacked_state) * N, generator=generator, dtype=torch.float64)
    inputs = torch.randn(STEPS, I, generator=generator, dtype=torch.float64)

    def step(state, x):
        parts = [part.reshape(1, 1, N) for part in state.split(N)]
        _, hidden = module(x.reshape(1, 1, I), tuple(parts) if len(parts) > 1 else parts[0])
        hidden = hidden if isinstance(hidden, tuple) else (hidden,)
        return torch.cat([part.reshape(N) for part in hidden])

    with torch.no_grad():
        states, state = [], s0
        for x in inputs:
            state = step(state, x)
            states.append(state.tolist())
    jacobian = torch.autograd.functional.jacobian(lambda state: step(state, inputs[0]), s0)

    save_safetensors(HERE / (cell + ".safetensors"), module.state_dict())
    fixture = {
        "cell": cell,
        "module": repr(module),
        "torch": torch.__version__,
        "seed": SEED,
        "n": N,
        "inputSize": I,
        "stateParts": stacked_state,
        "parameters": cell + ".safetensors",
        "initialState": s0.tolist(),
        "inputs": inputs.tolist(),
        "states": states,
        "jacobian": jacobian.tolist(),
    }
    (HERE / (cell + ".json")).write_text(json.dumps(fixture, indent=1) + "\n")


def main():
    torch.manual_seed(SEED)  # the modules' own initialisation, U(-1/sqrt(N), 1/sqrt(N))
    make("torch-rnn", torch.nn.RNN(I, N, nonlinearity="tanh", dtype=torch.float64), ["h"])
    make("torch-lstm", torch.nn.LSTM(I, N, dtype=torch.float64), ["h", "c"])
    make("torch-gru", torch.nn.GRU(I, N, dtype=torch.float64), ["h"])


if __name__ == "__main__":
    main()
