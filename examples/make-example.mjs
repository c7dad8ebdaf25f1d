// Writes examples/support-messages.csv: 300 short customer messages, each labelled billing, delivery or
// technical, built from hand-written openings, subjects and details with a seeded generator so the file
// is the same on every machine. Regenerate with: node examples/make-example.mjs
import { writeFileSync } from 'node:fs';

let seed = 20261203;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (list) => list[Math.floor(rand() * list.length)];

const openings = ['Hi,', 'Hello,', 'Good morning,', 'Hi there,', '', '', 'Quick question:', 'Sorry to bother you,'];
const closings = ['', '', '', 'Thanks.', 'Thanks in advance!', 'Please help.', 'Can you look into it?', 'Any update?'];

const messages = {
  billing: [
    'I was charged twice for my {plan} subscription this month.',
    'my invoice for {month} shows the wrong amount.',
    'can I get a refund for the {plan} plan I cancelled?',
    'the payment with my {card} was declined but the money left my account.',
    'please send me a receipt for the {month} payment.',
    'why did my bill go up after I switched to the {plan} plan?',
    'I need to update the {card} on file before the next charge.',
    'you still billed me after I cancelled in {month}.',
    'is there a discount if I pay for the {plan} plan yearly?',
    'the invoice is missing our company VAT number.',
  ],
  delivery: [
    'my order has not arrived and the tracking has not changed since {day}.',
    'the parcel was delivered to the wrong address.',
    'the courier left the box outside in the rain on {day}.',
    'my package arrived damaged, the {item} is broken.',
    'can I change the delivery address for order {order}?',
    'the tracking number for order {order} does not work.',
    'I only received one {item} but ordered two.',
    'when will the {item} be back in stock and shipped?',
    'the delivery was due {day} but nobody came.',
    'how long does shipping to Canada usually take?',
  ],
  technical: [
    'the app crashes every time I open the {screen} screen.',
    'I cannot log in, it says my password is wrong after the update.',
    'the {screen} page is stuck loading on my {device}.',
    'sync stopped working on my {device} since {day}.',
    'I get error code {code} when I try to upload a file.',
    'notifications do not show up on my {device} anymore.',
    'the export button on the {screen} screen does nothing.',
    'after the latest update the app is very slow on my {device}.',
    'two-factor codes never arrive, so I am locked out.',
    'the {screen} screen shows a blank page in dark mode.',
  ],
};
const slots = {
  plan: ['Basic', 'Pro', 'Family', 'Team', 'Premium'],
  month: ['January', 'March', 'April', 'June', 'September', 'November'],
  card: ['credit card', 'debit card', 'Visa card', 'PayPal account'],
  day: ['Monday', 'Tuesday', 'Friday', 'last week', 'yesterday', 'the weekend'],
  item: ['lamp', 'charger', 'kettle', 'backpack', 'headphones', 'phone case'],
  order: ['#48213', '#50077', '#51940', '#47362', '#52218'],
  screen: ['settings', 'reports', 'profile', 'calendar', 'dashboard'],
  device: ['iPhone', 'Android phone', 'laptop', 'tablet', 'Windows PC'],
  code: ['403', '500', 'E17', 'NET-2', '0x80070005'],
};

const quote = (field) => (/[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);
const sentence = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const labels = Object.keys(messages);
const rows = ['text,label'];
for (let i = 0; i < 300; i++) {
  const label = labels[i % labels.length];
  const body = pick(messages[label]).replace(/\{(\w+)\}/g, (_, slot) => pick(slots[slot]));
  const opening = pick(openings);
  const text = [opening, opening ? body : sentence(body), pick(closings)].filter(Boolean).join(' ');
  rows.push(`${quote(text)},${label}`);
}
writeFileSync(new URL('./support-messages.csv', import.meta.url), rows.join('\n') + '\n');
