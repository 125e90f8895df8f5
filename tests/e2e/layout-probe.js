// Runs in the page (see layout.spec.ts): what is cut off — elements whose text overflows, that lie
// outside a clipping ancestor or the window, selects and empty fields whose text does not fit.
// Plain JavaScript so the Node-only type check of the tests needs no DOM types.
(() => {
  const SELECTOR = [
    'button',
    '.mantine-Button-label',
    '.mantine-NavLink-label',
    '[role=columnheader]',
    'th',
    '.mantine-Badge-label',
    '.mantine-InputWrapper-label',
    '.mantine-Title-root',
    'label.ed-file-button'
  ].join(',')
  const out = []
  const visible = (el) => {
    const r = el.getBoundingClientRect()
    const style = getComputedStyle(el)
    return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && !el.closest('[aria-hidden=true]')
  }
  const describe = (el) => `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} “${(el.textContent ?? '').trim().slice(0, 40)}”`
  for (const el of document.querySelectorAll(SELECTOR)) {
    // Ticket type names are the organizer's data: cut with an ellipsis and a tooltip where long.
    // So are the columns of an imported file: its sample table scrolls sideways, each header cut with a tooltip.
    if (!visible(el) || !(el.textContent ?? '').trim() || el.closest('[data-testid=ticket-badge], [data-testid=import-sample]')) continue
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') {
      out.push(`${describe(el)} overflows (${el.scrollWidth} > ${el.clientWidth})`)
      continue
    }
    const r = el.getBoundingClientRect()
    if (r.right > window.innerWidth + 1 || r.left < -1) {
      out.push(`${describe(el)} is outside the window (${Math.round(r.left)}–${Math.round(r.right)})`)
      continue
    }
    for (let a = el.parentElement; a; a = a.parentElement) {
      const overflow = getComputedStyle(a).overflowX
      if (overflow === 'visible') continue
      const box = a.getBoundingClientRect()
      if (r.right > box.right + 1 || r.left < box.left - 1) {
        out.push(`${describe(el)} is cut by ${a.tagName.toLowerCase()}.${[...a.classList].join('.')} (${overflow})`)
        break
      }
    }
  }
  // A select shows its chosen option: that text must fit too (selects of names and file columns hold data, not UI text).
  const DATA_SELECTS = ['event-select', 'event-setup-select', 'attendees-ticket-type', 'detail-ticket-type', 'walkup-ticket-type', 'import-default-ticket-type']
  const canvas = document.createElement('canvas').getContext('2d')
  for (const select of document.querySelectorAll('select')) {
    const id = select.getAttribute('data-testid') ?? ''
    if (!visible(select) || DATA_SELECTS.includes(id) || id.startsWith('map-')) continue
    const style = getComputedStyle(select)
    canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`
    const text = select.selectedOptions[0]?.textContent ?? ''
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
    if (canvas.measureText(text).width > room + 1) out.push(`select[${id}] shows “${text}” cut (${Math.round(canvas.measureText(text).width)} > ${Math.round(room)})`)
  }
  // An empty field shows its placeholder: that hint must fit as well.
  for (const input of document.querySelectorAll('input[placeholder]')) {
    if (!visible(input) || input.value !== '' || !input.placeholder) continue
    const style = getComputedStyle(input)
    canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
    const width = canvas.measureText(input.placeholder).width
    if (width > room + 1) out.push(`input[${input.getAttribute('data-testid')}] placeholder “${input.placeholder}” cut (${Math.round(width)} > ${Math.round(room)})`)
  }
  return out
})()
