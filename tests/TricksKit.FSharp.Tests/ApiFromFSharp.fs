/// Every public member of the tricks, called from F# with named optional arguments and F# lambdas, and a few
/// reference cases checked. If something here is awkward, the C# API changes, not this file.
module TricksKit.FSharp.Tests.ApiFromFSharp

open System
open System.IO
open System.Text.Json
open Xunit
open TorchSharp
open TricksKit
open TricksKit.Modules
open TricksKit.Training
open TricksKit.Training.Callbacks

let private reference =
    lazy (
        let doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "tricks-reference.json")))
        doc.RootElement.GetProperty("cases").EnumerateArray() |> Seq.toArray)

let private case trick = reference.Value |> Array.find (fun c -> c.GetProperty("trick").GetString() = trick)

let rec private flatten (e: JsonElement) : float list =
    if e.ValueKind = JsonValueKind.Array then e.EnumerateArray() |> Seq.collect flatten |> List.ofSeq else [ e.GetDouble() ]

let rec private shape (e: JsonElement) : int64 list =
    if e.ValueKind = JsonValueKind.Array then int64 (e.GetArrayLength()) :: shape (e.[0]) else []

let private t (c: JsonElement) (name: string) =
    let e = c.GetProperty name
    let values = flatten e |> Array.ofList
    let dims = shape e |> Array.ofList
    torch.tensor(values, dtype = torch.ScalarType.Float64).reshape(dims)

let private close (expected: float) (actual: float) =
    Assert.True(abs (expected - actual) <= 1e-6, sprintf "expected %.12f, got %.12f" expected actual)

let private scalar (x: torch.Tensor) = x.to_type(torch.ScalarType.Float64).item<float>()

do Kit.Init()

[<Fact>]
let ``losses from F#: named optional arguments and reference values`` () =
    let c = case "focal_loss"
    let targets = (t c "targets").to_type(torch.ScalarType.Int64)
    let focal = Losses.Focal(gamma = c.GetProperty("gamma").GetDouble())
    close (c.GetProperty("expected").GetDouble()) (focal.call(t c "logits", targets) |> scalar)
    let weighted = Losses.Focal(gamma = 2.0, alpha = [ 0.25; 0.75 ])
    Assert.Equal<float seq>([ 0.25; 0.75 ], (weighted :?> FocalLoss).Alpha)

    let s = case "sigmoid_focal_loss"
    let sf = Losses.SigmoidFocal(gamma = 2.0, alpha = 0.25, reduction = torch.nn.Reduction.Mean)
    close (s.GetProperty("expected").GetDouble()) (sf.call(t s "logits", t s "targets") |> scalar)

    let l = case "label_smoothing"
    let ls = Losses.LabelSmoothing(smoothing = l.GetProperty("smoothing").GetDouble())
    close (l.GetProperty("expected").GetDouble()) (ls.call(t l "logits", (t l "targets").to_type(torch.ScalarType.Int64)) |> scalar)

    let f = case "flooding"
    let w = (t f "weights").requires_grad_(true)
    let flooded = Losses.Flood(w.square().mean(), level = f.GetProperty("level").GetDouble())
    close (f.GetProperty("expected").GetDouble()) (scalar flooded)
    let wrapped = Losses.Flooded(torch.nn.CrossEntropyLoss(), level = 0.5)
    let targets = torch.tensor([| 0L; 1L |])
    // Above b the flooded loss is the loss itself (uniform logits: ln 3); below b it is 2 b - loss.
    close (log 3.0) (scalar (wrapped.call(torch.ones(2L, 3L), targets)))
    let confident = torch.tensor([| 10.0; 0.0; 0.0; 0.0; 10.0; 0.0 |]).reshape(2L, 3L)
    let ce = scalar (torch.nn.functional.cross_entropy(confident, targets))
    close (1.0 - ce) (scalar (wrapped.call(confident, targets)))

[<Fact>]
let ``layers from F#`` () =
    let x = torch.randn(4L, 6L, 3L)
    let gn = Layers.GroupNorm(groups = 3L, channels = 6L, eps = 1e-5, affine = true)
    Assert.Equal<int64 seq>(x.shape, gn.call(x).shape)
    let bn = Layers.BatchNorm(channels = 6L, momentum = 0.1)
    bn.call(x) |> ignore
    Assert.Equal<int64 seq>([ 6L ], bn.RunningVar.shape)
    let drop = Layers.Dropout(p = 0.5)
    drop.eval()
    Assert.True(drop.call(x).eq(x).all().item<bool>())
    let block = Layers.Residual(body = torch.nn.Linear(3L, 3L))
    Assert.Equal<int64 seq>([ 2L; 3L ], block.call(torch.ones(2L, 3L)).shape)
    let projected = Layers.Residual(torch.nn.Linear(3L, 4L), shortcut = torch.nn.Linear(3L, 4L))
    Assert.Equal<int64 seq>([ 2L; 4L ], projected.call(torch.ones(2L, 3L)).shape)

[<Fact>]
let ``schedules from F#`` () =
    let c = case "cosine_warm_restarts"
    let sgdr =
        Schedules.CosineWarmRestarts(
            lrMax = c.GetProperty("lr_max").GetDouble(), lrMin = c.GetProperty("lr_min").GetDouble(),
            period = c.GetProperty("period").GetInt32(), periodMult = c.GetProperty("period_mult").GetInt32())
    c.GetProperty("expected").EnumerateArray() |> Seq.iteri (fun i e -> close (e.GetDouble()) (sgdr.At i))
    let a = case "article_cyclic_lr"
    let article = Schedules.ArticleCyclic(lrInit = a.GetProperty("lr_init").GetDouble(), lrMin = a.GetProperty("lr_min").GetDouble(), cycle = a.GetProperty("cycle").GetInt32())
    let rates: float list = article.Take(a.GetProperty("expected").GetArrayLength()) |> List.ofSeq
    List.iter2 close (a.GetProperty("expected").EnumerateArray() |> Seq.map (fun e -> e.GetDouble()) |> List.ofSeq) rates
    use sgd = torch.optim.SGD(torch.nn.Linear(2L, 1L).parameters(), 1.0)
    close (sgdr.At 3) (sgdr.Apply(sgd, 3))

[<Fact>]
let ``WGAN from F#: an F# lambda as the critic`` () =
    let c = case "wgan_gradient_penalty"
    let w1, b1, w2 = t c "W1", t c "b1", t c "w2"
    let critic (x: torch.Tensor) = torch.tanh(x.matmul(w1.t()) + b1).matmul(w2)
    let eps = (t c "epsilon").reshape(-1L, 1L)
    let gp = Wgan.GradientPenalty(critic = Func<_, _>(critic), real = t c "real", fake = t c "fake", epsilon = eps, lambda = c.GetProperty("lam").GetDouble())
    close (c.GetProperty("expected").GetDouble()) (scalar gp)
    // Without epsilon the penalty draws it from TorchSharp's generator: the same draw, given by hand, gives the same value.
    torch.manual_seed(11L) |> ignore
    let drawn = Wgan.GradientPenalty(Func<_, _>(critic), t c "real", t c "fake", lambda = 1.0)
    torch.manual_seed(11L) |> ignore
    let same = torch.rand([| (t c "real").shape.[0]; 1L |], dtype = (t c "real").dtype)
    close (scalar (Wgan.GradientPenalty(Func<_, _>(critic), t c "real", t c "fake", same, lambda = 1.0))) (scalar drawn)
    let g = case "wgan"
    close (g.GetProperty("expected_critic_loss").GetDouble()) (Wgan.CriticLoss(realScores = t g "real_scores", fakeScores = t g "fake_scores") |> scalar)
    close (g.GetProperty("expected_generator_loss").GetDouble()) (Wgan.GeneratorLoss(t g "fake_scores") |> scalar)
    let lin = torch.nn.Linear(3L, 2L)
    Wgan.ClipWeights(lin, c = 0.01)
    Assert.True(lin.weight.abs().max().item<float32>() <= 0.01f)

[<Fact>]
let ``metrics from F#`` () =
    let ap = case "average_precision"
    close (ap.GetProperty("expected").GetDouble()) (Metrics.AveragePrecision(scores = t ap "scores", targets = t ap "targets"))
    let r = case "recall_per_class"
    let recall = Metrics.RecallPerClass((t r "predictions").to_type(torch.ScalarType.Int64), (t r "targets").to_type(torch.ScalarType.Int64), classes = r.GetProperty("classes").GetInt32())
    Seq.iter2 close (r.GetProperty("expected").EnumerateArray() |> Seq.map (fun e -> e.GetDouble())) recall
    let e = case "expected_calibration_error"
    close (e.GetProperty("expected").GetDouble()) (Metrics.ExpectedCalibrationError(t e "logits", (t e "targets").to_type(torch.ScalarType.Int64), bins = 15))

[<Fact>]
let ``bad input from F# is an ArgumentException naming the parameter`` () =
    let ex = Assert.ThrowsAny<ArgumentException>(fun () -> Layers.GroupNorm(groups = 3L, channels = 8L) |> ignore)
    Assert.Equal("groups", ex.ParamName)

[<Fact>]
let ``a model with kit layers in float64, trained, checkpointed, stopped and resumed from F#: the same weights`` () =
    let dir = Directory.CreateTempSubdirectory("tricks-fs-ckpt-").FullName
    try
        let data = Data.Synthetic.DenseDetection(600, seed = 1, positiveShare = 0.2)
        let model () =
            torch.manual_seed(7L) |> ignore
            let m = Models.Mlp([ 2; 16; 16; 2 ], norm = Norm.BatchNorm, dropout = 0.2)
            m.``to``(torch.ScalarType.Float64) |> ignore
            m
        let options (checkpoint: CheckpointOptions) (onEpoch: int -> unit) =
            TrainingOptions(
                Epochs = 4, BatchSize = 64, Seed = 3, Checkpoint = checkpoint,
                // The loop's one extension point, implemented in F# with an object expression.
                Callbacks = [| { new TrainingCallback() with member _.OnEpochEnd(state) = onEpoch state.Epoch } |],
                Schedule = Schedules.CosineWarmRestarts(lrMax = 0.01, lrMin = 0.0, period = 10),
                Optimizer = Func<_, _, _>(fun ps lr -> Optimizers.Adam(ps, lr)))
        let weights (m: torch.nn.Module) =
            m.state_dict().Values |> Seq.collect (fun t -> t.data<float>().ToArray()) |> Array.ofSeq
        use straight = model ()
        let whole = Trainer.Fit(straight, data, data, options null ignore)
        let path = Path.Combine(dir, "run.ckpt")
        use first = model ()
        Assert.Throws<OperationCanceledException>(fun () ->
            Trainer.Fit(first, data, data, options (CheckpointOptions(path, Every = 1)) (fun e -> if e = 3 then raise (OperationCanceledException "stop"))) |> ignore) |> ignore
        use resumed = model ()
        let again = Trainer.Fit(resumed, data, data, options (CheckpointOptions(path)) ignore)
        Assert.Equal<float seq>(weights straight, weights resumed)
        Assert.Equal<float seq>(whole.StepLoss, again.StepLoss)
        let logits = Evaluation.Logits(resumed, data)
        Assert.Equal(torch.ScalarType.Float64, logits.dtype)
    finally
        Directory.Delete(dir, true)

[<Fact>]
let ``Callbacks from F#: a step evaluation and an early stop on a validation set`` () =
    Kit.Init(1)
    use data = Data.Synthetic.DenseDetection(400, seed = 2, positiveShare = 0.3)
    torch.manual_seed(5L) |> ignore
    use model = Models.Mlp([ 2; 16; 2 ])
    let evaluation = StepEvaluation(data, every = 5)
    let stopping = EarlyStopping(data, patience = 1)
    let options = TrainingOptions(Epochs = 30, BatchSize = 50, Callbacks = [| evaluation :> TrainingCallback; stopping |])
    let history = Trainer.Fit(model, data, data, options)
    Assert.NotEmpty(evaluation.Points)
    Assert.All(evaluation.Points, fun p -> Assert.True(p.Step % 5 = 0 && p.Accuracy >= 0.0 && p.Accuracy <= 1.0))
    Assert.Equal(history.Epochs.Count, stopping.Losses.Count)
    Assert.True(history.Epochs.Count < 30 || stopping.BestIndex = stopping.Losses.Count - 1)

[<Fact>]
let ``An ablation from F#: a recipe, named tricks, cumulative and leave-one-out stages, the table`` () =
    Kit.Init(1)
    let data seed = Data.Synthetic.DenseDetection(200, seed = seed, positiveShare = 0.3)
    let model (n: TricksKit.Experiments.Network) =
        Models.ResidualMlp(2, 2, width = 16, depth = 1, activation = n.Activation, init = n.Init, norm = n.Norm, skip = n.Skip, dropout = n.Dropout)
        :> torch.nn.Module<torch.Tensor, torch.Tensor>
    let recipe = TricksKit.Experiments.Recipe(model, (fun seed -> data seed), (fun seed -> data (1000 + seed)), 200, true, Epochs = 2, Rate = 0.05)
    let tricks = [ TricksKit.Experiments.ClassifierTricks.ReluHe; TricksKit.Experiments.ClassifierTricks.LabelSmoothing(eps = 0.1) ]
    let cumulative = TricksKit.Experiments.Ablation.Cumulative(recipe, tricks)
    Assert.Equal<string seq>([ "baseline"; "+ ReLU + He init"; "+ label smoothing 0.1" ], cumulative |> Seq.map (fun s -> s.Name))
    let loo = TricksKit.Experiments.Ablation.LeaveOneOut(recipe, tricks, rate = 0.1)
    Assert.Equal(0.1, loo.[1].Recipe.Rate)
    let ablation = TricksKit.Experiments.Ablation(recipe, tricks, rates = [| 0.05; 0.05; 0.1 |])
    let table = ablation.Run(TricksKit.Experiments.ExperimentSettings(TricksKit.Experiments.RunMode.Quick, [| 1; 2; 3; 4; 5 |]))
    Assert.Equal(ablation.Stages.Count, table.Rows.Count)
    Assert.All(table.Rows |> Seq.skip 1, fun r -> Assert.True(r.Verdict.HasValue))
    Assert.Contains("all tricks against the baseline", table.ToString())

[<Fact>]
let ``Replicated arms from F#: a seed's run is the mean of its replicates`` () =
    let arm =
        TricksKit.Experiments.Arm("a", Func<_, _, _>(fun (s: TricksKit.Experiments.RunSeed) _ ->
            TricksKit.Experiments.RunRecord("a", s.Seed, readOnlyDict [ "seed", float s.Seed ])))
    let replicated = TricksKit.Experiments.Arm.Replicated(arm, count = 2)
    let record = replicated.Run.Invoke(TricksKit.Experiments.RunSeed.Of 5, null)
    close (5.0 + float TricksKit.Experiments.Arm.ReplicateSeedOffset / 2.0) record.MetricValues.["seed"]
    Assert.Same(arm, TricksKit.Experiments.Arm.Replicated(arm, count = 1))
    let ex = Assert.Throws<ArgumentOutOfRangeException>(fun () -> TricksKit.Experiments.Arm.Replicated(arm, count = 0) |> ignore)
    Assert.Equal("count", ex.ParamName)
