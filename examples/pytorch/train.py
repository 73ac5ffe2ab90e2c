#!/usr/bin/env python3
"""A small PyTorch training job that survives being killed: a Rigshift `command` job example.

Trains an MLP on synthetic regression data made from a fixed seed. After every epoch it writes a
checkpoint (model, optimizer, epoch, RNG state) atomically to $RIGSHIFT_CHECKPOINT_DIR/last.pt,
and on start it resumes from there, so a run killed at any moment and started again ends with the
same weights and loss as one that was never interrupted. At the end it writes model.pt and
final.json to $RIGSHIFT_ARTIFACTS_DIR.

Exit codes: 0 trained to the end (also when SIGTERM comes during the last epoch: it finishes);
143 stopped by SIGTERM after checkpointing the epoch it was in (run it again to resume); 2 bad
arguments or a checkpoint of another configuration.
"""

import argparse
import json
import os
import signal
import sys
import tempfile
import time

# Deterministic cuBLAS, should a GPU be used; must be set before CUDA starts.
os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")

import torch  # noqa: E402  (after the environment it reads)
from torch import nn  # noqa: E402

FEATURES = 8
EXIT_STOPPED = 128 + signal.SIGTERM  # 143, what a shell reports for death by SIGTERM

stop_requested = False


def on_sigterm(signum, frame):
    # Only a flag: the epoch in flight finishes and is checkpointed before the script exits.
    global stop_requested
    stop_requested = True
    print("SIGTERM: stopping after this epoch's checkpoint", flush=True)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=20, help="epochs to train in all (default 20)")
    parser.add_argument("--lr", type=float, default=3e-3, help="Adam learning rate (default 3e-3)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the data and the weights (default 0)")
    parser.add_argument("--samples", type=int, default=4096, help="training examples (default 4096)")
    parser.add_argument("--batch-size", type=int, default=64, help="examples per batch (default 64)")
    parser.add_argument("--hidden", type=int, default=64, help="width of the hidden layers (default 64)")
    parser.add_argument("--sleep", type=float, default=0.0,
                        help="extra seconds per epoch, so tests can kill it mid-run (default 0)")
    parser.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto",
                        help="auto: the first visible GPU if any, else the CPU (default auto)")
    args = parser.parse_args()
    if args.epochs < 1 or args.samples < 1 or args.batch_size < 1 or args.hidden < 1 or args.sleep < 0:
        parser.error("--epochs, --samples, --batch-size and --hidden must be positive, --sleep not negative")
    return args


def synthetic_data(seed, samples):
    """y = sin(x . w) + x0 * x1 / 2 + noise: a fixed function of the seed, never of the run."""
    generator = torch.Generator().manual_seed(seed)
    x = torch.randn(samples, FEATURES, generator=generator)
    w = torch.randn(FEATURES, generator=generator) / FEATURES ** 0.5
    noise = 0.05 * torch.randn(samples, generator=generator)
    y = torch.sin(x @ w) + 0.5 * x[:, 0] * x[:, 1] + noise
    return x, y.unsqueeze(1)


def build_model(hidden):
    return nn.Sequential(
        nn.Linear(FEATURES, hidden), nn.Tanh(),
        nn.Linear(hidden, hidden), nn.Tanh(),
        nn.Linear(hidden, 1),
    )


def fsync_dir(folder):
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def save_atomically(folder, name, write):
    """Writes through a temp file in the same folder, then renames: a reader sees old or new, never half."""
    os.makedirs(folder, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix="." + name + ".", suffix=".tmp", dir=folder)
    umask = os.umask(0)
    os.umask(umask)
    os.fchmod(fd, 0o666 & ~umask)  # mkstemp's 0600 would hide artifacts from the people who download them
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, os.path.join(folder, name))
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
    fsync_dir(folder)  # makes the rename itself durable


def epoch_order(seed, epoch, samples):
    # The shuffle is a function of (seed, epoch), so a resumed run visits batches in the same order.
    return torch.randperm(samples, generator=torch.Generator().manual_seed(seed * 1_000_003 + epoch))


def pause(seconds):
    deadline = time.monotonic() + seconds
    while not stop_requested and time.monotonic() < deadline:
        time.sleep(min(0.05, deadline - time.monotonic()))


def main():
    args = parse_args()
    signal.signal(signal.SIGTERM, on_sigterm)
    checkpoints = os.environ.get("RIGSHIFT_CHECKPOINT_DIR") or "checkpoints"
    artifacts = os.environ.get("RIGSHIFT_ARTIFACTS_DIR") or "artifacts"
    last = os.path.join(checkpoints, "last.pt")

    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    torch.manual_seed(args.seed)
    use_cuda = args.device == "cuda" or (args.device == "auto" and torch.cuda.is_available())
    device = torch.device("cuda" if use_cuda else "cpu")

    x, y = synthetic_data(args.seed, args.samples)
    x, y = x.to(device), y.to(device)
    model = build_model(args.hidden).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = nn.MSELoss()
    config = {"seed": args.seed, "samples": args.samples, "batch_size": args.batch_size, "hidden": args.hidden}

    start_epoch, loss = 0, float("nan")
    if os.path.exists(last):
        state = torch.load(last, map_location=device)
        if state["config"] != config:
            print(f"checkpoint {last} is of another configuration {state['config']}, not {config}: "
                  "remove it or use the same --seed, --samples, --batch-size and --hidden", file=sys.stderr)
            return 2
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        for group in optimizer.param_groups:
            group["lr"] = args.lr  # the user may resume with another learning rate
        torch.set_rng_state(state["rng"])
        if use_cuda and state.get("cuda_rng") is not None:
            torch.cuda.set_rng_state(state["cuda_rng"])
        start_epoch, loss = state["epoch"], state["loss"]
        print(f"resumed from epoch {start_epoch}", flush=True)
    print(f"training on {device} for epochs {start_epoch + 1}..{args.epochs} ({args.samples} samples, "
          f"lr {args.lr})", flush=True)

    for epoch in range(start_epoch, args.epochs):
        model.train()
        order = epoch_order(args.seed, epoch, args.samples).to(device)
        total = 0.0
        for first in range(0, args.samples, args.batch_size):
            batch = order[first:first + args.batch_size]
            prediction = model(x[batch])
            batch_loss = loss_fn(prediction, y[batch])
            optimizer.zero_grad(set_to_none=True)
            batch_loss.backward()
            optimizer.step()
            total += batch_loss.item() * len(batch)
        loss = total / args.samples
        pause(args.sleep)

        state = {"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch + 1,
                 "loss": loss, "rng": torch.get_rng_state(), "config": config,
                 "cuda_rng": torch.cuda.get_rng_state() if use_cuda else None}
        save_atomically(checkpoints, "last.pt", lambda f: torch.save(state, f))
        print(f"epoch {epoch + 1}/{args.epochs} loss {loss:.6f}", flush=True)
        if stop_requested and epoch + 1 < args.epochs:
            print(f"stopped after epoch {epoch + 1}: checkpoint {last}", flush=True)
            return EXIT_STOPPED

    save_atomically(artifacts, "model.pt", lambda f: torch.save(model.state_dict(), f))
    summary = {"final_loss": loss, "epochs_trained": args.epochs, "resumed_from_epoch": start_epoch,
               "lr": args.lr, **config}
    save_atomically(artifacts, "final.json", lambda f: f.write((json.dumps(summary, indent=2) + "\n").encode()))
    print(f"done: final loss {loss:.6f}, model in {os.path.join(artifacts, 'model.pt')}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
