// The region editor: the regions of the form's rows drawn over the page image. Drag a region to
// move it, drag a corner handle to resize it, drag on the page to draw a new one. Every change
// is written into the row's numeric inputs, which are the form (and the keyboard's way to edit):
// without this script the editor types the numbers.
(function () {
    "use strict";

    var SVG = "http://www.w3.org/2000/svg";
    var MIN_SIZE = 0.01;
    var CORNERS = { nw: [0, 0], ne: [1, 0], sw: [0, 1], se: [1, 1] };

    var form = document.querySelector("[data-region-editor]");
    if (!form) {
        return;
    }
    var canvas = form.querySelector("[data-canvas]");
    // The canvas's viewBox is the page in PDF points; the form's numbers are fractions of it.
    var WIDTH = canvas.viewBox.baseVal.width;
    var HEIGHT = canvas.viewBox.baseVal.height;
    var rowsBody = form.querySelector("[data-rows]");
    var emptyRow = form.querySelector("template[data-empty-row]");
    var total = form.querySelector("input[name$='-TOTAL_FORMS']");
    var selected = null;
    var drag = null;

    function rows() {
        return Array.prototype.slice.call(rowsBody.querySelectorAll("[data-region-row]"));
    }

    function input(row, name) {
        return row.querySelector("input[name$='-" + name + "']");
    }

    function box(row) {
        var values = ["x0", "y0", "x1", "y1"].map(function (name) {
            return parseFloat(input(row, name).value);
        });
        return values.some(isNaN) ? null : values;
    }

    function setBox(row, values) {
        ["x0", "y0", "x1", "y1"].forEach(function (name, i) {
            input(row, name).value = Math.min(1, Math.max(0, values[i])).toFixed(3);
        });
    }

    function isDeleted(row) {
        var checkbox = input(row, "DELETE");
        return checkbox && checkbox.checked;
    }

    function element(name, attributes) {
        var node = document.createElementNS(SVG, name);
        Object.keys(attributes).forEach(function (key) {
            node.setAttribute(key, attributes[key]);
        });
        return node;
    }

    function render() {
        while (canvas.firstChild) {
            canvas.removeChild(canvas.firstChild);
        }
        rows().forEach(function (row, index) {
            row.querySelector("[data-region-number]").textContent = String(index + 1);
            row.classList.toggle("is-selected", row === selected);
            var values = box(row);
            if (!values || isDeleted(row)) {
                return;
            }
            var rect = element("rect", {
                x: values[0] * WIDTH,
                y: values[1] * HEIGHT,
                width: Math.max(0, values[2] - values[0]) * WIDTH,
                height: Math.max(0, values[3] - values[1]) * HEIGHT,
                class: "region" + (row === selected ? " is-selected" : ""),
                "data-index": index,
            });
            canvas.appendChild(rect);
            var label = element("text", { x: values[0] * WIDTH + 4, y: values[1] * HEIGHT + 16, class: "label" });
            label.textContent = String(index + 1);
            canvas.appendChild(label);
            if (row === selected) {
                Object.keys(CORNERS).forEach(function (corner) {
                    var x = values[CORNERS[corner][0] ? 2 : 0] * WIDTH;
                    var y = values[CORNERS[corner][1] ? 3 : 1] * HEIGHT;
                    canvas.appendChild(element("rect", {
                        x: x - 6, y: y - 6, width: 12, height: 12, class: "handle", "data-corner": corner,
                    }));
                });
            }
        });
    }

    function pointerAt(event) {
        var bounds = canvas.getBoundingClientRect();
        return [
            Math.min(1, Math.max(0, (event.clientX - bounds.left) / bounds.width)),
            Math.min(1, Math.max(0, (event.clientY - bounds.top) / bounds.height)),
        ];
    }

    function blankRow() {
        var blank = rows().filter(function (row) {
            return !input(row, "id").value && !box(row) && !isDeleted(row);
        })[0];
        if (blank) {
            return blank;
        }
        var index = parseInt(total.value, 10);
        var html = emptyRow.innerHTML.replace(/__prefix__/g, String(index));
        rowsBody.insertAdjacentHTML("beforeend", html);
        total.value = String(index + 1);
        return rows()[rows().length - 1];
    }

    canvas.addEventListener("pointerdown", function (event) {
        var target = event.target;
        var at = pointerAt(event);
        if (target.dataset.corner) {
            drag = { mode: "resize", corner: CORNERS[target.dataset.corner], row: selected };
        } else if (target.dataset.index) {
            selected = rows()[parseInt(target.dataset.index, 10)];
            drag = { mode: "move", row: selected, start: at, box: box(selected) };
        } else {
            selected = blankRow();
            setBox(selected, [at[0], at[1], Math.min(1, at[0] + MIN_SIZE), Math.min(1, at[1] + MIN_SIZE)]);
            drag = { mode: "resize", corner: [1, 1], row: selected };
        }
        canvas.setPointerCapture(event.pointerId);
        event.preventDefault();
        render();
    });

    canvas.addEventListener("pointermove", function (event) {
        if (!drag) {
            return;
        }
        var at = pointerAt(event);
        var values = box(drag.row);
        if (drag.mode === "move") {
            var width = drag.box[2] - drag.box[0];
            var height = drag.box[3] - drag.box[1];
            var x0 = Math.min(1 - width, Math.max(0, drag.box[0] + at[0] - drag.start[0]));
            var y0 = Math.min(1 - height, Math.max(0, drag.box[1] + at[1] - drag.start[1]));
            values = [x0, y0, x0 + width, y0 + height];
        } else {
            // The dragged corner follows the pointer; the opposite one stays.
            if (drag.corner[0]) {
                values[2] = Math.max(values[0] + MIN_SIZE, at[0]);
            } else {
                values[0] = Math.min(values[2] - MIN_SIZE, at[0]);
            }
            if (drag.corner[1]) {
                values[3] = Math.max(values[1] + MIN_SIZE, at[1]);
            } else {
                values[1] = Math.min(values[3] - MIN_SIZE, at[1]);
            }
        }
        setBox(drag.row, values);
        render();
    });

    function endDrag() {
        if (drag && drag.row) {
            var story = drag.row.querySelector("select");
            if (story && !story.value) {
                story.focus(); // a new region still needs its story
            }
        }
        drag = null;
    }

    canvas.addEventListener("pointerup", endDrag);
    canvas.addEventListener("pointercancel", endDrag);
    rowsBody.addEventListener("input", render);
    rowsBody.addEventListener("change", render);
    rowsBody.addEventListener("focusin", function (event) {
        var row = event.target.closest("[data-region-row]");
        if (row && row !== selected) {
            selected = row;
            render();
        }
    });
    render();
})();
