import type { Wording } from './wording.ts';

const tag = '[Jiangsu Quality]';
const responsible = (concerning: string | undefined) => (concerning ? ` (responsible: ${concerning})` : '');

/** English, for contacts who asked for it. */
export const en: Wording = {
  deadline: {
    'deadline-reminder': {
      subject: (f) => `${tag} Reminder: case ${f.caseNumber} is due on ${f.deadline}`,
      body: (f) =>
        `A task of case ${f.caseNumber} is waiting for you; it is due on ${f.deadline} (Beijing time). Please sign in and complete it before then.`,
    },
    'deadline-escalation': {
      subject: (f) => `${tag} Overdue: case ${f.caseNumber} missed its deadline of ${f.deadline}`,
      body: (f) =>
        `A task of case ${f.caseNumber} was not completed by ${f.deadline} (Beijing time)${responsible(f.concerning)}. Please follow up with the responsible party and act as needed.`,
    },
    'cnca-report-reminder': {
      subject: (f) => `${tag} Report the certification result of case ${f.caseNumber} by ${f.deadline}`,
      body: (f) =>
        `Certification of case ${f.caseNumber} has ended. Please report the result to CNCA through its unified reporting platform by ${f.deadline} (Beijing time), and inform the secretariat of the Jiangsu Quality certification alliance.`,
    },
    'cnca-report-escalation': {
      subject: (f) => `${tag} Overdue: the certification result of case ${f.caseNumber} was not reported to CNCA`,
      body: (f) =>
        `${f.concerning ?? 'The certification body'} did not report the certification result of case ${f.caseNumber} to CNCA by ${f.deadline} (Beijing time); the rule is 7 working days after certification ends. Please have it report at once and act under the rules.`,
    },
    'city-submission-reminder': {
      subject: (f) => `${tag} Submit the city's recommendations for ${f.caseNumber} by ${f.deadline}`,
      body: (f) =>
        `Please send the declarations your city checked and recommends for ${f.caseNumber} (paper and electronic copies, with the Attachment 4 summary) to the Provincial Quality Development Committee Office by ${f.deadline} (Beijing time).`,
    },
    'annual-report-reminder': {
      subject: (f) => `${tag} Annual report: submit the ${f.caseNumber} certification work report by ${f.deadline}`,
      body: (f) =>
        `Please submit the ${f.caseNumber} annual Jiangsu Quality certification work report to the Provincial Quality Development Committee Office by ${f.deadline} (Beijing time).`,
    },
    'annual-report-escalation': {
      subject: (f) => `${tag} Overdue: the ${f.caseNumber} certification work report was not submitted by ${f.deadline}`,
      body: (f) =>
        `${f.concerning ?? 'The secretariat of the Jiangsu Quality certification alliance'} did not submit the ${f.caseNumber} annual Jiangsu Quality certification work report by ${f.deadline} (Beijing time). Please have it submitted soon.`,
    },
    'certificate-renewal-reminder': {
      subject: (f) => `${tag} Certificate ${f.caseNumber} expires on ${f.deadline}`,
      body: (f) =>
        `Your Jiangsu Quality certificate ${f.caseNumber} expires on ${f.deadline} (Beijing time). To keep using it, please apply to your certification body for re-certification in good time.`,
    },
  },
  digest: {
    subject: (date, overdue, dueSoon) => `${tag} Daily digest (${date}): ${overdue} overdue, ${dueSoon} due within 5 working days`,
    overdueHeading: 'Overdue:',
    dueSoonHeading: 'Due within 5 working days:',
    nothing: '(none)',
    item: (caseNumber, taskName, due) => `Case ${caseNumber}: ${taskName}, due ${due}`,
  },
  greeting: (name) => `Dear ${name},`,
  linkLabel: 'Open:',
  footer: 'This message was sent automatically by the Jiangsu Quality (江苏精品) system; please do not reply.',
};
