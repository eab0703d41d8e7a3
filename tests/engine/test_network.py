"""Network validation, topological order and the compiled array form."""

import subprocess
import sys

import numpy as np
import pytest

from civicp3.engine.network import (
    CycleError,
    Link,
    LinkType,
    Network,
    NetworkError,
    Task,
    compile_network,
)


def test_it_orders_tasks_given_in_any_order():
    net = Network.of(
        [Task("C", duration=1), Task("A", duration=1), Task("B", duration=1)],
        [Link("A", "B"), Link("B", "C")],
    )
    cn = compile_network(net)
    assert [cn.ids[i] for i in cn.order] == ["A", "B", "C"]
    assert cn.level.tolist() == [2, 0, 1]


def test_it_groups_links_by_the_level_of_their_successor():
    net = Network.of(
        [Task(x, duration=1) for x in "ABCD"],
        [Link("C", "D"), Link("A", "B", LinkType.SS, -0.5), Link("B", "C")],
    )
    cn = compile_network(net)
    ptr = cn.level_link_ptr.tolist()
    assert ptr == [0, 0, 1, 2, 3]
    assert [cn.ids[i] for i in cn.link_dst] == ["B", "C", "D"]
    assert cn.link_type[0] == LinkType.SS
    assert cn.link_lag[0] == -0.5
    assert cn.link_src.dtype == np.int64


def test_it_names_the_tasks_in_a_cycle():
    net = Network.of(
        [Task(x, duration=1) for x in "ABCD"],
        [Link("A", "B"), Link("B", "C"), Link("C", "D"), Link("D", "B")],
    )
    with pytest.raises(CycleError) as info:
        compile_network(net)
    assert set(info.value.cycle) == {"B", "C", "D"}
    assert info.value.cycle[0] == info.value.cycle[-1]
    assert "B" in str(info.value)


def test_it_rejects_a_duplicate_id():
    with pytest.raises(NetworkError, match="duplicate task id 'A'"):
        compile_network(Network.of([Task("A"), Task("A")]))


def test_it_rejects_a_link_to_an_unknown_task():
    with pytest.raises(NetworkError, match="unknown task 'Z'"):
        compile_network(Network.of([Task("A")], [Link("A", "Z")]))


def test_it_rejects_a_link_onto_a_summary_task():
    net = Network.of([Task("S"), Task("A", parent="S", duration=1), Task("B")], [Link("B", "S")])
    with pytest.raises(NetworkError, match="'S' is a summary task"):
        compile_network(net)


def test_it_rejects_a_self_link_and_a_negative_duration():
    with pytest.raises(NetworkError, match="linked to itself"):
        compile_network(Network.of([Task("A")], [Link("A", "A")]))
    with pytest.raises(NetworkError, match="duration"):
        compile_network(Network.of([Task("A", duration=-1)]))


def test_it_rejects_a_parent_loop():
    with pytest.raises(NetworkError, match="parents form a loop"):
        compile_network(Network.of([Task("A", parent="B"), Task("B", parent="A")]))


def test_importing_the_engine_does_not_load_django():
    code = (
        "import sys, civicp3.engine, civicp3.engine.cpm, civicp3.engine.mspdi, "
        "civicp3.engine.planfile; print('django' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
